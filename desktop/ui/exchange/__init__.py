"""Trao đổi dữ liệu: packages sent upward and downward, import, consolidation."""
