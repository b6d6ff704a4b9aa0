"""View 2: per servant, the promotion facts (as JSON) with the columns candidates are filtered
and ordered by, and the servant's verdict timeline (``domain.promotion.timeline``): one row per
span of as-of days over which eligibility and the merit total stay the same. The spans cover
every day from the horizon's start on, so they never go stale as time passes; a page of
candidates is an indexed range read over them (``pages.py``), and only the servants it shows
are evaluated in full."""

from __future__ import annotations

from functools import cached_property

from domain.kinds import Facet, classes_for
from projections.engine.view import Row, ServantHistory, Table, View, day
from projections.views.columns import SERVANT_IN_AGENCY
from projections.views.promotion.facts import build_facts, facts_json
from projections.views.promotion.spans import SPAN_TABLE, KnownTimelines, span_rows

PROMOTION_COLUMNS = (
    *SERVANT_IN_AGENCY, ("rank", "TEXT NOT NULL"),
    ("rank_ordinal", "INTEGER NOT NULL"), ("status", "TEXT NOT NULL"),
    ("rank_tmt", "DATE NOT NULL"), ("position_tmt", "DATE"), ("facts", "TEXT NOT NULL"),
)


class PromotionView(View):
    name = "promotion"
    event_classes = classes_for(Facet.PROMOTION)
    tables = (
        Table("promotion_servant", PROMOTION_COLUMNS, (("nip",), ("unit_id", "rank"), ("rank",)),
              primary_key=("servant_id",)),
        SPAN_TABLE,
    )

    @cached_property
    def timelines(self) -> KnownTimelines:
        return KnownTimelines()

    def rows(self, history: ServantHistory) -> dict[str, list[Row]]:
        facts, status = facts_json(history)
        state = history.state
        position = state.position
        row: Row = (
            history.sid, state.nip, state.name, state.unit_id, state.unit_name,
            state.institution_id, state.rank.name, state.rank.ordinal, status.name,
            day(state.rank_tmt), day(position.tmt) if position else None, facts,
        )
        return {"promotion_servant": [row],
                "promotion_span": span_rows(history.sid, build_facts(history), state,
                                            self.timelines)}
