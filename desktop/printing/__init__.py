"""ND30 document rendering: layout to positioned pages, PDF with reportlab (imported only to print)."""
