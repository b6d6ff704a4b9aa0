"""The columns several views' tables share, declared once: the servant a row belongs to, and
where the servant stands, have the same names and types in every view that keeps them."""

from __future__ import annotations

# Every per-servant row: the servant's stream id and NIP.
SERVANT = (("servant_id", "TEXT NOT NULL"), ("nip", "TEXT NOT NULL"))
# A servant row that lists by unit: the name, and the unit held now.
SERVANT_IN_UNIT = (*SERVANT, ("name", "TEXT NOT NULL"), ("unit_id", "TEXT NOT NULL"),
                   ("unit_name", "TEXT NOT NULL"))
# ... and the agency (institution) of that unit, for an HR token's agency-wide scope.
SERVANT_IN_AGENCY = (*SERVANT_IN_UNIT, ("institution_id", "TEXT NOT NULL"))
