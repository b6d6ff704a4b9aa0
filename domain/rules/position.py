"""Position rules (domain.md §5 rules 8-9, §3.3)."""

from __future__ import annotations

from domain.errors import Warning
from domain.events import PositionAssigned
from domain.rules.base import Context, Rule, fail
from domain.values import ESELON_LEVELS, STRUCTURAL_LEVELS, PositionKind, PositionLevel


def _matches_reference(e: PositionAssigned, context: Context) -> list[Warning]:
    kind, level = e.position_kind, e.position_level
    if kind is PositionKind.STRUKTURAL:
        expected = ESELON_LEVELS.get(e.eselon or "99")
        if expected is None or expected is not level or level not in STRUCTURAL_LEVELS:
            raise fail(
                "POSITION_REFERENCE_MISMATCH",
                f"A structural position needs an eselon other than 99 matching its level; "
                f"eselon {e.eselon!r} does not match {level.value}.",
                "eselon",
            )
    elif kind is PositionKind.FUNGSIONAL:
        if not e.functional_position_id or level is not PositionLevel.FUNGSIONAL or not e.functional_level:
            raise fail(
                "POSITION_REFERENCE_MISMATCH",
                "A functional position needs a functionalPositionId, a functionalLevel and level "
                "FUNGSIONAL.",
                "functionalPositionId",
            )
    elif kind is PositionKind.PELAKSANA:
        if not e.general_position_id or level is not PositionLevel.PELAKSANA:
            raise fail(
                "POSITION_REFERENCE_MISMATCH",
                "A pelaksana position needs a generalPositionId and level PELAKSANA.",
                "generalPositionId",
            )
    elif not (e.eselon or e.functional_position_id):
        raise fail(
            "POSITION_REFERENCE_MISMATCH",
            "A concurrent (rangkap) position needs an eselon or a functionalPositionId.",
            "eselon",
        )
    return []


def _functional_level_fits_rank(e: PositionAssigned, context: Context) -> list[Warning]:
    state = context.latest
    if e.functional_level is not None and state is not None and not e.functional_level.admits(state.rank):
        return [
            Warning(
                "JF_LEVEL_RANK_MISMATCH",
                f"{e.functional_level.name} does not normally admit rank {state.rank.golongan} "
                "(allowed by PerBKN 3/2023).",
            )
        ]
    return []


POSITION_RULES: tuple[Rule[PositionAssigned], ...] = (
    Rule("POSITION-REFERENCE", PositionAssigned, _matches_reference, "domain.md §5 rule 8"),
    Rule("JF-LEVEL-RANK", PositionAssigned, _functional_level_fits_rank,
         "domain.md §5 rule 9 (warn); PerBKN 3/2023"),
)
