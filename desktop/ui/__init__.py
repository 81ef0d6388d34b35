"""Qt layer: thin widgets over desktop.core. No SQL, no business rules here."""
