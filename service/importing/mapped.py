"""What one source record becomes: commands of the domain (domain.kinds), with the TMT and the
legal basis read the same way for every kind.

The legal basis is ``skNomor`` / ``skTanggal`` / ``pejabatPenetap`` (domain.md §4, envelope),
or the kind's own SIASN names for them. A record without an SK number is history older than
the SK discipline of today: it is admitted with ``legacy_without_sk`` (its SK date is its TMT
when it has none, its official blank) and the audit findings list it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from service.importing.fields import Record, day, optional_day, optional_text, text


@dataclass(frozen=True)
class LegalBasis:
    sk_number: str
    sk_date: date
    sk_official: str
    legacy_without_sk: bool


@dataclass(frozen=True)
class Mapped:
    """One command of one source record; ``part`` tells the commands of one record apart."""

    nip: str
    command: str
    tmt: date
    basis: LegalBasis
    payload: dict[str, Any] = field(default_factory=dict)
    part: str = ""


Mapper = Callable[[Record], list[Mapped]]

SK_NUMBER = ("skNomor", "nomorSk", "noSk")
SK_DATE = ("skTanggal", "tanggalSk", "tglSk")
SK_OFFICIAL = ("pejabatPenetap", "pejabatPenetapNama")


def nip_of(record: Record) -> str:
    return text(record, "nipBaru", "nip", "pnsNip")


def legal_basis(record: Record, tmt: date, numbers: tuple[str, ...] = SK_NUMBER,
                dates: tuple[str, ...] = SK_DATE) -> LegalBasis:
    number = optional_text(record, *numbers)
    official = optional_text(record, *SK_OFFICIAL) or ""
    sk_date = optional_day(record, *dates)
    if number is None:
        return LegalBasis("", sk_date or tmt, official, True)
    if sk_date is None:  # an SK number without its date: back-dating cannot be judged
        sk_date = day(record, *dates)
    return LegalBasis(number, sk_date, official, False)


def one(record: Record, command: str, tmt: date, payload: dict[str, Any],
        basis: LegalBasis | None = None) -> list[Mapped]:
    return [Mapped(nip_of(record), command, tmt, basis or legal_basis(record, tmt), payload)]
