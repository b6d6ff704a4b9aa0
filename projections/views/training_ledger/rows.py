"""View 3: the training ledger (domain.md §6): JP per servant per year by training kind, and
the development needs an appraisal of Butuh Perbaikan or worse raises.

A need closes only when a completed training *and* a positive evaluation arrive; no evaluation
event exists yet, so needs stay open and list the trainings completed since they were raised."""

from __future__ import annotations

from collections import defaultdict

from domain.kinds import Facet, classes_for
from domain.servant import CivilServant as CS
from domain.values import Predikat
from projections.engine.view import Row, ServantHistory, Table, View, iso, plain_json
from projections.views.columns import SERVANT, SERVANT_IN_UNIT

ANNUAL_JP_TARGET = 20  # PP 11/2017 Art. 203 (the same figure as domain.promotion.ruleset)
NEED_PREDIKAT = frozenset({Predikat.BUTUH_PERBAIKAN, Predikat.KURANG, Predikat.SANGAT_KURANG})

SERVANT_COLUMNS = (
    *SERVANT_IN_UNIT, ("first_year", "INTEGER NOT NULL"), ("exit_year", "INTEGER"),
)
YEAR_COLUMNS = (
    *SERVANT, ("year", "INTEGER NOT NULL"),
    ("kind", "TEXT NOT NULL"), ("classical", "INTEGER NOT NULL"), ("hours", "INTEGER NOT NULL"),
    ("event_ids", "TEXT NOT NULL"),
)
NEED_COLUMNS = (
    *SERVANT, ("year", "INTEGER NOT NULL"),
    ("predikat", "TEXT NOT NULL"), ("event_id", "TEXT NOT NULL"), ("raised_on", "TEXT NOT NULL"),
    ("trainings_since", "TEXT NOT NULL"), ("status", "TEXT NOT NULL"),
)


class TrainingLedgerView(View):
    name = "training_ledger"
    event_classes = classes_for(Facet.TRAINING)
    tables = (
        Table("training_servant", SERVANT_COLUMNS, (("nip",), ("unit_id",))),
        Table("training_year", YEAR_COLUMNS, (("nip", "year"),)),
        Table("training_need", NEED_COLUMNS, (("nip", "year"),)),
    )

    def rows(self, history: ServantHistory) -> dict[str, list[Row]]:
        sid, nip = history.sid, history.nip
        effective = sorted(history.effective, key=lambda i: (i.event.tmt, i.version))
        first = effective[0].event
        assert isinstance(first, CS.CpnsAppointed)
        unit_id, unit_name, exit_year = first.unit_id, first.unit_name, None
        jp: dict[tuple[int, str, bool], list[tuple[int, str]]] = defaultdict(list)
        trainings: list[tuple[str, str]] = []
        appraisals: dict[int, tuple[int, CS.AppraisalRecorded]] = {}
        for item in effective:
            e = item.event
            kind = type(e)
            if kind is CS.AppraisalRecorded or kind is CS.TrainingCompleted:
                pass  # the common kinds, tested below without the other checks
            elif isinstance(e, CS.PositionAssigned):
                unit_id, unit_name = e.unit_id, e.unit_name
                continue
            elif isinstance(e, CS.InstitutionTransferred):
                unit_id, unit_name = e.to_unit_id, e.to_unit_name
                continue
            elif isinstance(e, (CS.Retired, CS.Terminated)):
                exit_year = e.tmt.year
                continue
            if isinstance(e, CS.TrainingCompleted):
                event_id = f"{nip}:{item.original.originator_version}"
                key = (e.end_date.year, e.kind.name, e.kind.is_classical)
                jp[key].append((e.hours, event_id))
                trainings.append((iso(e.end_date), event_id))
            elif isinstance(e, CS.AppraisalRecorded):
                # The latest recorded appraisal of a year supersedes earlier ones.
                known = appraisals.get(e.year)
                if known is None or known[0] < item.version:
                    appraisals[e.year] = (item.version, e)
        years = [
            (sid, nip, year, kind, int(classical), sum(h for h, _ in done),
             plain_json([event_id for _, event_id in done]))
            for (year, kind, classical), done in sorted(jp.items())
        ]
        trainings.sort()
        needs = []
        for year, (version, e) in sorted(appraisals.items()):
            if e.predikat in NEED_PREDIKAT:
                raised = iso(e.tmt)
                needs.append((
                    sid, nip, year, e.predikat.name, history.event_id(version), raised,
                    plain_json([event_id for end, event_id in trainings if end >= raised]),
                    "OPEN",
                ))
        servant = (sid, nip, first.name, unit_id, unit_name, first.tmt.year, exit_year)
        return {"training_servant": [servant], "training_year": years, "training_need": needs}
