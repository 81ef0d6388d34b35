"""Alembic migrations, shipped inside the package so the frozen program can migrate.

HEAD names the newest revision; start-up compares it with the database's revision using
plain sqlite3 so Alembic itself is only imported when a migration is really needed.
A test keeps HEAD equal to Alembic's own head.
"""

from pathlib import Path

HEAD = "0005"
SCRIPT_LOCATION = Path(__file__).resolve().parent
