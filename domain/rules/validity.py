"""When a piece of rule data is in force: from ``valid_from`` to ``valid_to`` (inclusive; None
= still in force), by TMT (domain.md §7.0)."""

from __future__ import annotations

from datetime import date

# Rules older than the record are not modelled; 1900 matches the first period regime.
RECORD_START = date(1900, 1, 1)


def in_force(valid_from: date, valid_to: date | None, day: date) -> bool:
    return valid_from <= day and (valid_to is None or day <= valid_to)


class InForce:
    """What every piece of versioned rule data answers: is it in force on a day?

    Not a dataclass itself, so that each table keeps its own field order (the order its rows
    are written and stored in); the dataclass inheriting it declares both fields.
    """

    valid_from: date
    valid_to: date | None

    def covers(self, day: date) -> bool:
        return in_force(self.valid_from, self.valid_to, day)
