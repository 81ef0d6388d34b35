"""Every Vietnamese word a user sees, grouped by area (one module per screen or area).

Identifiers stay English; the values here are NFC Vietnamese. Core modules may import these
(no Qt here) for messages and labels they produce.
"""
