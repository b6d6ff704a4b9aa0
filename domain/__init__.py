"""Riwayat's domain: career events, the servant aggregate, value objects and rules."""
