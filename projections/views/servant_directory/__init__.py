"""The servant directory: one row per servant per stretch of time with a different state, with
folded search columns and indexes for every filter and order of ``servants(...)``."""
