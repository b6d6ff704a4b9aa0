"""Exactly-once, checked directly: for every view, each servant's last applied position equals
the position of the servant's last event in the log (of those the view reads), and the view
applied each of those events once: the count the engine recorded equals the log's."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from projections.engine import registry
from projections.engine.applied import applied, applied_base
from projections.read_models import ReadModels
from projections.views import views_named

PAGE = 5000


def applied_per_servant(read_models: ReadModels, name: str) -> dict[str, tuple[int, int]]:
    """What the active generation of view ``name`` recorded: (last position, events applied)."""
    view = views_named([name])[0]
    with read_models.store.reader() as conn:
        generation = registry.active_generation(conn, name)
        assert generation is not None, f"{name} has no active generation"
        return dict(applied(conn, view.table_name(applied_base(name), generation)))


def log_per_servant(read_models: ReadModels, name: str) -> dict[str, tuple[int, int]]:
    """The same figures from the log: the servant's last position and number of events among
    those the view reads."""
    topics = views_named([name])[0].topics
    found: dict[str, tuple[int, int]] = {}
    after = 0
    while notes := read_models.log.read(after, PAGE):
        for note in notes:
            if note.topic in topics:
                sid = str(UUID(str(note.originator_id)))
                last, count = found.get(sid, (0, 0))
                found[sid] = (max(last, note.id), count + 1)
        after = notes[-1].id
    return found


def assert_applied_exactly_once(read_models: ReadModels,
                                names: Sequence[str] | None = None) -> None:
    for name in names or read_models.view_names:
        recorded, expected = applied_per_servant(read_models, name), log_per_servant(read_models, name)
        missing = sorted(set(expected) - set(recorded))
        assert not missing, f"{name}: servants never applied: {missing[:3]}"
        wrong = {sid: (recorded[sid], expected[sid]) for sid in expected
                 if recorded[sid] != expected[sid]}
        # (last applied position, events applied) against the log's (last position, events)
        assert not wrong, f"{name}: applied vs log: {list(wrong.items())[:3]}"
        assert set(recorded) == set(expected), f"{name}: servants the log does not have"
