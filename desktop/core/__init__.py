"""Domain services: plain Python, never imports Qt. Functions take a Session first and never commit."""
