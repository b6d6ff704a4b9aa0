"""Competence, talent and development: PermenPANRB 38/2017 standards, JPM, nine-box, needs."""
