"""The competency dictionary: PermenPANRB 38/2017's national part plus agency technical ones.

PermenPANRB 38/2017 (domain.md §6.1, [REG S24]) fixes 8 managerial competencies and 1
socio-cultural one, each with behavioural indicators at levels 1-5. Technical competencies
are written by each agency, so they are data supplied by the agency, never constants here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from types import MappingProxyType

from domain.competence import errors
from domain.competence.errors import CompetenceError

MIN_LEVEL = 1
MAX_LEVEL = 5
NATIONAL_SOURCE = "PermenPANRB 38/2017 (Standar Kompetensi Jabatan ASN) [REG S24]"


class CompetencyKind(Enum):
    MANAGERIAL = "MANAGERIAL"
    SOCIO_CULTURAL = "SOCIO_CULTURAL"
    TECHNICAL = "TECHNICAL"


@dataclass(frozen=True)
class Competency:
    """One dictionary entry; ``code`` is the stable key used in standards and assessments."""

    code: str
    name: str
    kind: CompetencyKind
    source: str


@dataclass(frozen=True)
class TechnicalCompetency(Competency):
    """An agency's own technical competency, with the act that defined it."""

    agency_id: str = ""
    defined_on: date | None = None


def technical(
    code: str, name: str, agency_id: str, source: str, defined_on: date | None = None
) -> TechnicalCompetency:
    """An agency technical competency; ``source`` names the agency act (SK) defining it."""
    return TechnicalCompetency(code, name, CompetencyKind.TECHNICAL, source, agency_id, defined_on)


def _national(code: str, name: str, kind: CompetencyKind) -> Competency:
    return Competency(code, name, kind, NATIONAL_SOURCE)


_M, _S = CompetencyKind.MANAGERIAL, CompetencyKind.SOCIO_CULTURAL
MANAGERIAL: tuple[Competency, ...] = (
    _national("INTEGRITAS", "Integritas", _M),
    _national("KERJA_SAMA", "Kerja Sama", _M),
    _national("KOMUNIKASI", "Komunikasi", _M),
    _national("ORIENTASI_PADA_HASIL", "Orientasi pada Hasil", _M),
    _national("PELAYANAN_PUBLIK", "Pelayanan Publik", _M),
    _national("PENGEMBANGAN_DIRI_DAN_ORANG_LAIN", "Pengembangan Diri dan Orang Lain", _M),
    _national("MENGELOLA_PERUBAHAN", "Mengelola Perubahan", _M),
    _national("PENGAMBILAN_KEPUTUSAN", "Pengambilan Keputusan", _M),
)
SOCIO_CULTURAL: tuple[Competency, ...] = (_national("PEREKAT_BANGSA", "Perekat Bangsa", _S),)
NATIONAL: tuple[Competency, ...] = MANAGERIAL + SOCIO_CULTURAL


@dataclass(frozen=True)
class CompetencyDictionary:
    """The national dictionary plus the technical competencies one agency has defined."""

    entries: MappingProxyType[str, Competency]

    def lookup(self, code: str) -> Competency:
        try:
            return self.entries[code]
        except KeyError:
            raise CompetenceError(
                errors.UNKNOWN_COMPETENCY,
                f"Competency {code!r} is not in the dictionary (PermenPANRB 38/2017 or the "
                "agency's technical dictionary).",
                "competency",
            ) from None

    def __contains__(self, code: object) -> bool:
        return code in self.entries

    def of_kind(self, kind: CompetencyKind) -> tuple[Competency, ...]:
        return tuple(entry for entry in self.entries.values() if entry.kind is kind)


def build_dictionary(technical: Iterable[TechnicalCompetency] = ()) -> CompetencyDictionary:
    """The national dictionary extended by ``technical``; a code may be defined only once."""
    entries: dict[str, Competency] = {entry.code: entry for entry in NATIONAL}
    for entry in technical:
        if entry.kind is not CompetencyKind.TECHNICAL:
            raise CompetenceError(
                errors.NOT_TECHNICAL,
                f"{entry.code!r}: an agency may only add technical competencies.",
                "competency",
            )
        if entry.code in entries:
            raise CompetenceError(
                errors.DUPLICATE_COMPETENCY,
                f"Competency {entry.code!r} is already in the dictionary.",
                "competency",
            )
        entries[entry.code] = entry
    return CompetencyDictionary(MappingProxyType(entries))


NATIONAL_DICTIONARY = build_dictionary()


def check_level(level: int, field: str = "level") -> int:
    """A competency level is an integer 1-5 (PermenPANRB 38/2017's behavioural levels)."""
    if isinstance(level, bool) or not isinstance(level, int) or not MIN_LEVEL <= level <= MAX_LEVEL:
        raise CompetenceError(
            errors.LEVEL_OUT_OF_RANGE,
            f"Competency level {level!r} is outside {MIN_LEVEL}-{MAX_LEVEL}.",
            field,
        )
    return level


def check_levels(
    levels: Iterable[tuple[str, int]], dictionary: CompetencyDictionary
) -> tuple[tuple[str, int], ...]:
    """Validate (competency code, level) pairs: known codes, levels 1-5, no code twice."""
    seen: dict[str, int] = {}
    for code, level in levels:
        dictionary.lookup(code)
        check_level(level)
        if code in seen:
            raise CompetenceError(
                errors.DUPLICATE_COMPETENCY, f"Competency {code!r} is given twice.", "competency"
            )
        seen[code] = level
    return tuple(seen.items())


def check_some_levels(
    levels: tuple[tuple[str, int], ...], dictionary: CompetencyDictionary,
    code: str, message: str, field: str,
) -> None:
    """``check_levels``, after refusing no levels at all with ``code``, ``message`` and
    ``field``: an assessment that measured nothing or a standard that requires nothing."""
    if not levels:
        raise CompetenceError(code, message, field)
    check_levels(levels, dictionary)
