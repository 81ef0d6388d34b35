"""Sổ theo dõi NQ57 — offline tracker for Resolution 57-NQ/TW at ward/commune level."""

__version__ = "0.1.0"
APP_ID = "SoTheoDoiNQ57"
