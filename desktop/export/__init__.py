"""XLSX writers (openpyxl). Imported only when the user exports: never at start-up, never by
desktop.core or by desktop.cli at import time."""
