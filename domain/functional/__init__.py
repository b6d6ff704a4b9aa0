"""Functional careers: annual credit (PermenPANRB 1/2023), JF and other KP pilihan, BUP."""
