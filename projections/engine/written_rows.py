"""The rows a runner last wrote for each servant of a view generation, kept between batches, so
a batch writes only the rows that differ from them instead of replacing the servant's rows.

Kept rows are trusted only while they are certainly what the tables hold: they are recorded
after their transaction committed, and only for a batch that starts at the very position this
runner's last commit to that generation left (no other worker, bulk load or rebuild wrote in
between). A position that does not follow on, a failed or rolled-back batch, or a reconnect
forgets every row kept for the generation, and the servants' rows are replaced whole as
before. What is kept is bounded by rows, least recently written first out."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping

from projections.engine.view import KnownRows, Row

# Per table base name, the servant's rows.
ServantRows = Mapping[str, list[Row]]
_Generation = tuple[str, int]  # (view name, generation)


class WrittenRows:
    def __init__(self, max_rows: int = 100_000) -> None:
        self.max_rows = max_rows
        self._kept: OrderedDict[tuple[str, int, str], tuple[int, ServantRows, int]] = (
            OrderedDict()
        )
        self._rows = 0
        # Per generation: the era of the kept rows that are current, and the position this
        # runner's last commit left (None: nothing is known to follow on).
        self._eras: dict[_Generation, tuple[int, int | None]] = {}

    def known(self, view: str, generation: int, position: int) -> KnownRows:
        """The rows kept for servants of the generation, for a batch starting at ``position``."""
        era, at = self._eras.get((view, generation), (0, None))
        if at != position:
            self.forget(view, generation)
            return _nothing

        def lookup(sid: str) -> ServantRows | None:
            found = self._kept.get((view, generation, sid))
            return found[1] if found is not None and found[0] == era else None
        return lookup

    def committed(self, view: str, generation: int, position: int,
                  written: Mapping[str, ServantRows]) -> None:
        """The batch that wrote ``written`` (every table, per servant) committed at ``position``."""
        era, _ = self._eras.get((view, generation), (0, None))
        self._eras[(view, generation)] = (era, position)
        for sid, rows in written.items():
            key = (view, generation, sid)
            old = self._kept.pop(key, None)
            if old is not None:
                self._rows -= old[2]
            count = sum(map(len, rows.values()))
            self._kept[key] = (era, rows, count)
            self._rows += count
        while self._rows > self.max_rows and self._kept:
            _key, (_era, _dropped, count) = self._kept.popitem(last=False)
            self._rows -= count

    def forget(self, view: str, generation: int) -> None:
        """Nothing kept for the generation is to be trusted any more."""
        era, _ = self._eras.get((view, generation), (0, None))
        self._eras[(view, generation)] = (era + 1, None)

    def clear(self) -> None:
        self._kept.clear()
        self._rows = 0
        self._eras = {key: (era + 1, None) for key, (era, _) in self._eras.items()}


def _nothing(sid: str) -> ServantRows | None:
    return None
