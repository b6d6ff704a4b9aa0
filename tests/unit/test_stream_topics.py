"""The events of the streams that are not a servant's resolve by their stored topic in a fresh
process that has written none of them (a reader, a restarted server, an audit tool)."""

from __future__ import annotations

import subprocess
import sys

from domain.competence.agency_dictionary import (
    TechnicalCompetencyAdded,
    TechnicalCompetencyDefined,
    TechnicalCompetencyWithdrawn,
)
from domain.position_standard import (
    PositionStandardRetired,
    PositionStandardRevised,
    PositionStandardSet,
)

CLASSES = (PositionStandardSet, PositionStandardRevised, PositionStandardRetired,
           TechnicalCompetencyDefined, TechnicalCompetencyAdded, TechnicalCompetencyWithdrawn)


def test_every_standard_and_dictionary_topic_resolves_in_a_fresh_process() -> None:
    topics = [cls.TOPIC for cls in CLASSES]
    script = ("import sys; from eventsourcing.utils import resolve_topic; "
              "print([resolve_topic(t).__name__ for t in sys.argv[1:]])")
    found = subprocess.run([sys.executable, "-c", script, *topics], capture_output=True,
                           text=True, check=False)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == str([cls.__name__ for cls in CLASSES])


def test_every_career_kind_topic_resolves_in_a_fresh_process() -> None:
    # The class of a kind is named on CivilServant from KINDS, with no line per kind there.
    from domain.kinds import KINDS

    classes = [kind.event_class for kind in KINDS]
    script = ("import sys; from eventsourcing.utils import resolve_topic; "
              "print([resolve_topic(t).__name__ for t in sys.argv[1:]])")
    found = subprocess.run([sys.executable, "-c", script, *(cls.TOPIC for cls in classes)],
                           capture_output=True, text=True, check=False)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == str([cls.__name__ for cls in classes])
