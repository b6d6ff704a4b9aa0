"""The audit findings view's rows equal, byte for byte, the rows of the computation they replace
(``tests/unit/audit_findings_before.py``: two full assessments per promotion, a fold per row),
for generated careers and for careers reworked into what the generator never writes: events
recorded late (back-dated against later promotions), clocks that go back, corrections (of
units, TMTs, promotion types and appraisals) and retractions, imported events without an SK.
The view remembers assessments and its pass over the units between batches, so every career is
also fed to one view batch by batch, as the live worker does; a correction in a later batch
must reach the rows, and a servant whose earlier events differ from what the view remembers
(another store, same ids) must not be served the remembered ones."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from domain.discipline import DisciplineLevel, PenaltyType, Regulation
from domain.servant import CivilServant as CS
from domain.values import Predikat, PromotionType
from projections.engine.view import Row, ServantHistory
from projections.views.audit_findings.rows import AuditFindingsView
from service.sample.careers import build_servants
from tests.unit.audit_findings_before import rows_before

Events = list[CS.Event]


def _history(events: Events) -> ServantHistory:
    return ServantHistory(events[0].originator_id, list(events),
                          {e.originator_version: 1000 + 7 * e.originator_version for e in events})


def _appended(events: Events, cls: type[CS.Event], recorded: Any, **fields: Any) -> None:
    template = events[-1]
    envelope = {name: getattr(template, name) for name in (
        "originator_id", "sk_official", "actor_id", "actor_role", "source", "document_hash")}
    tmt = fields.pop("tmt", template.tmt)
    events.append(cls(**envelope, originator_version=len(events) + 1, timestamp=recorded,
                      tmt=tmt, sk_number=f"SK-X-{len(events)}", sk_date=tmt, **fields))


def _reworked(events: Events, rng: random.Random) -> Events:
    """``events`` with changes the generator never makes, each as a stored log could hold it."""
    events = list(events)
    last = max(e.timestamp for e in events)
    for _ in range(rng.randint(1, 6)):
        version = rng.randint(2, len(events))
        target = events[version - 1]
        choice = rng.randrange(8)
        if choice == 0:  # recorded years late: after later promotions, TMT long before
            events[version - 1] = replace(target, timestamp=last + timedelta(days=rng.randint(1, 900)))
        elif choice == 1:  # a clock that went back: recorded before earlier versions
            events[version - 1] = replace(
                target, timestamp=events[0].timestamp + timedelta(days=rng.randint(0, 4000)))
        elif choice == 2 and not isinstance(target, (CS.EventCorrected, CS.EventRetracted)):
            _appended(events, CS.EventRetracted, last + timedelta(hours=rng.randint(-5000, 900)),
                      target_version=version, reason="tidak sah")
        elif choice == 3 and not isinstance(target, (CS.EventCorrected, CS.EventRetracted)):
            changes: dict[str, Any] = {"tmt": target.tmt + timedelta(days=rng.randint(-800, 800))}
            if isinstance(target, CS.AppraisalRecorded):
                changes = {"predikat": rng.choice(list(Predikat))}
            elif isinstance(target, CS.PositionAssigned):  # the unit, and maybe the TMT
                changes = {"unit_id": f"U9{rng.randint(0, 9)}", **(changes if rng.random() < 0.5 else {})}
            elif isinstance(target, CS.RankPromoted) and rng.random() < 0.5:
                changes = {"promotion_type": rng.choice(list(PromotionType))}
            _appended(events, CS.EventCorrected, last + timedelta(hours=rng.randint(-5000, 900)),
                      target_version=version, changes=changes, reason="salah ketik")
        elif choice == 4:  # a penalty recorded later around a promotion's TMT
            promotions = [e for e in events if isinstance(e, CS.RankPromoted)]
            on = rng.choice(promotions).tmt if promotions else target.tmt
            _appended(events, CS.DisciplinePenaltyImposed, last + timedelta(days=rng.randint(-3000, 30)),
                      tmt=on - timedelta(days=rng.randint(0, 400)),
                      penalty_type=rng.choice(list(PenaltyType)),
                      level=rng.choice([DisciplineLevel.SEDANG, DisciplineLevel.BERAT,
                                        DisciplineLevel.RINGAN]),
                      regulation=Regulation.PP_94_2021, duration_months=12, end_date=None,
                      reason="pelanggaran")
        elif choice == 5:  # imported history without an SK number
            events[version - 1] = replace(target, legacy_without_sk=True, sk_number="")
        elif choice == 6:  # an SK dated long after the TMT
            events[version - 1] = replace(target, sk_date=target.tmt + timedelta(days=rng.randint(1, 700)))
        elif choice == 7 and isinstance(target, CS.AppraisalRecorded):  # a second one of the year
            _appended(events, CS.AppraisalRecorded, last + timedelta(days=rng.randint(-900, 90)),
                      tmt=target.tmt + timedelta(days=rng.randint(-30, 30)), year=target.year,
                      work_result=target.work_result, work_behaviour=target.work_behaviour,
                      predikat=rng.choice(list(Predikat)), appraiser_nip=target.appraiser_nip,
                      appraiser_name=target.appraiser_name)
    return events


def _careers(count: int, seed: int) -> Iterator[Events]:
    rng = random.Random(seed)
    for servant in build_servants(0, count, seed=seed):
        events: Events = list(servant.collect_events())
        yield events
        for _ in range(3):
            yield _reworked(events, rng)


def _encoded(rows: dict[str, list[Row]]) -> str:
    # repr is exact for every value the rows hold (text, numbers, None), and tells 1 from 1.0.
    return repr(sorted(rows.items()))


@pytest.fixture(scope="module")
def careers() -> list[Events]:
    return list(_careers(60, seed=23))


def test_the_rows_equal_the_rows_of_two_assessments_per_promotion_and_a_fold_per_row(
    careers: list[Events],
) -> None:
    kinds: Counter[str] = Counter()
    for events in careers:
        expected = rows_before(_history(events))
        assert _encoded(AuditFindingsView().rows(_history(events))) == _encoded(expected)
        kinds.update(row[2] for row in expected["audit_finding"])
    # The careers exercise every finding, verdicts that changed included.
    assert set(kinds) == {"PROMOTION_RULES_FAILED", "PROMOTION_DURING_PENALTY",
                          "SAME_ACTOR_EVIDENCE", "VERDICT_CHANGED", "BACKDATED_SK",
                          "IMPORTED_WITHOUT_SK"}, kinds


def test_batch_by_batch_the_rows_equal_those_computed_afresh(careers: list[Events]) -> None:
    view = AuditFindingsView()
    rng = random.Random(5)
    for events in careers[:120]:
        end = 0
        while end < len(events):
            end = min(len(events), end + rng.randint(1, 6))
            history = _history(events[:end])
            assert _encoded(view.rows(history)) == _encoded(rows_before(history))


def test_a_servant_whose_earlier_events_differ_is_not_served_remembered_assessments(
    careers: list[Events],
) -> None:
    view = AuditFindingsView()
    changed = 0
    for events in careers[:80:4]:
        view.rows(_history(events))
        # The same servant and versions, other contents (another store): every appraisal
        # now rated SANGAT_KURANG, which fails the promotions' appraisal rules, and every
        # position in another unit.
        other = [replace(e, predikat=Predikat.SANGAT_KURANG) if isinstance(e, CS.AppraisalRecorded)
                 else replace(e, unit_id="U777") if isinstance(e, CS.PositionAssigned)
                 else e for e in events]
        expected = rows_before(_history(other))
        changed += _encoded(expected) != _encoded(rows_before(_history(events)))
        assert _encoded(view.rows(_history(other))) == _encoded(expected)
    assert changed


def test_the_view_keeps_the_assessments_of_a_bounded_number_of_servants(
    careers: list[Events],
) -> None:
    view = AuditFindingsView()
    view.kept.max_servants = 3
    for events in careers[:40:4] + careers[:40:4]:  # each servant again after eviction
        history = _history(events)
        assert _encoded(view.rows(history)) == _encoded(rows_before(history))
    assert len(view.kept) == 3


def test_a_later_correction_of_a_unit_reaches_the_rows_of_the_next_batch(
    careers: list[Events],
) -> None:
    view = AuditFindingsView()
    corrected = 0
    for events in careers[:80:4]:
        view.rows(_history(events))
        positions = [e for e in events if isinstance(e, CS.PositionAssigned)]
        if not positions:
            continue
        later = list(events)
        _appended(later, CS.EventCorrected, max(e.timestamp for e in events) + timedelta(days=1),
                  target_version=positions[0].originator_version,
                  changes={"unit_id": "U777"}, reason="salah unit")
        expected = rows_before(_history(later))
        corrected += _encoded(expected) != _encoded(rows_before(_history(events)))
        assert _encoded(view.rows(_history(later))) == _encoded(expected)
    assert corrected
