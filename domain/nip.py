"""NIP: the 18-digit civil-servant number (domain.md §2, rule 1)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from domain.errors import DomainError
from domain.values import Gender

_NIP_PATTERN = re.compile(r"^\d{8}\d{6}[12]\d{3}$")


@dataclass(frozen=True)
class Nip:
    value: str
    birth_date: date
    cpns_year: int
    cpns_month: int
    gender: Gender
    sequence: int

    @classmethod
    def parse(cls, value: str) -> Nip:
        if not isinstance(value, str) or not _NIP_PATTERN.match(value):
            raise DomainError(
                "INVALID_NIP",
                f"NIP {value!r} must be 18 digits: birth date YYYYMMDD, CPNS TMT YYYYMM, "
                "gender 1 or 2, and a 3-digit sequence.",
                "nip",
            )
        try:
            birth_date = date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
        except ValueError:
            raise DomainError(
                "INVALID_NIP", f"NIP {value}: {value[0:8]} is not a real birth date.", "nip"
            ) from None
        year, month = int(value[8:12]), int(value[12:14])
        if not 1 <= month <= 12 or year < 1900:
            raise DomainError(
                "INVALID_NIP", f"NIP {value}: {value[8:14]} is not a real CPNS month.", "nip"
            )
        sequence = int(value[15:18])
        if sequence == 0:
            raise DomainError("INVALID_NIP", f"NIP {value}: sequence 000 is never issued.", "nip")
        return cls(value, birth_date, year, month, Gender(value[14]), sequence)


def validate_nip(value: str) -> str:
    return Nip.parse(value).value
