"""Chỉ tiêu, số liệu: the period picker, data entry, the figures across periods, the catalogue."""
