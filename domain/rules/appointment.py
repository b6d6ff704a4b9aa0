"""Rules on the CPNS appointment that opens a record (domain.md §5 rules 1-2, §3.2)."""

from __future__ import annotations

from datetime import date

from domain.discipline import add_months
from domain.errors import Warning
from domain.events import CpnsAppointed
from domain.nip import Nip
from domain.rules.base import Context, Rule, caution, fail, refusal
from domain.rules.education import entry_rank

MINIMUM_CPNS_AGE_YEARS = 18


def _tmt_first_of_month(e: CpnsAppointed, context: Context) -> list[Warning]:
    Nip.parse(e.nip)  # rule 1: the NIP's own form and dates
    if e.tmt.day != 1:
        raise fail("INVALID_TMT", f"A CPNS TMT is always the 1st of a month, not {e.tmt}.", "tmt")
    return []


def _nip_matches(e: CpnsAppointed, context: Context) -> list[Warning]:
    nip = Nip.parse(e.nip)
    if (nip.cpns_year, nip.cpns_month) != (e.tmt.year, e.tmt.month):
        raise fail(
            "NIP_MISMATCH",
            f"NIP {e.nip} encodes CPNS TMT {nip.cpns_year}-{nip.cpns_month:02d}, "
            f"but the TMT is {e.tmt:%Y-%m}.",
            "nip",
        )
    if nip.birth_date != e.birth_date:
        raise fail(
            "NIP_MISMATCH", f"NIP {e.nip} encodes birth date {nip.birth_date}, not {e.birth_date}.",
            "birthDate",
        )
    if nip.gender is not e.gender:
        raise fail(
            "NIP_MISMATCH", f"NIP {e.nip} encodes gender {nip.gender.name}, not {e.gender.name}.",
            "gender",
        )
    return []


def _adult_on(e: CpnsAppointed) -> date:
    return add_months(e.birth_date, 12 * MINIMUM_CPNS_AGE_YEARS)


APPOINTMENT_RULES: tuple[Rule[CpnsAppointed], ...] = (
    Rule("NIP-FORM", CpnsAppointed, _tmt_first_of_month, "domain.md §5 rule 1; §2"),
    Rule("NIP-MATCHES", CpnsAppointed, _nip_matches, "domain.md §5 rule 2"),
    refusal("CPNS-ADULT", CpnsAppointed, "domain.md §5 rule 2 [DESIGN]",
            when=lambda e, c: e.tmt < _adult_on(e), code="UNDERAGE", field="tmt",
            says=lambda e, c: "A CPNS must be at least 18 at the TMT; this servant is 18 on "
            f"{_adult_on(e)}."),
    caution("ENTRY-RANK", CpnsAppointed, "domain.md §3.2 (warn)",
            when=lambda e, c: e.initial_rank is not entry_rank(e.education_level, e.tmt),
            code="INITIAL_RANK_MISMATCH",
            says=lambda e, c: f"Entry rank for {e.education_level.label} is "
            f"{entry_rank(e.education_level, e.tmt).golongan}, not {e.initial_rank.golongan}."),
)
