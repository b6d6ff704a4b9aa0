"""The servant directory's reads, for ``ReadModels`` (and the web pages, which call the same):
a page of servants by filter and order, its count, and given servants' rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from projections.engine.db import Conn
from projections.views.servant_directory import queries as directory
from projections.views.servant_directory.queries import (
    DirectoryEntry,
    DirectoryFilter,
    DirectoryRequest,
)

T = TypeVar("T")
VIEW = "servant_directory"


class DirectoryReads:
    """Needs ``_query`` (one read in the active generation)."""

    def _query(self, name: str, read: Callable[[Conn, int], T]) -> T:
        raise NotImplementedError

    def servants(self, request: DirectoryRequest) -> tuple[list[DirectoryEntry], bool]:
        """One page of the directory on ``request.day``, and whether more rows follow it."""
        return self._query(VIEW, lambda c, g: directory.directory_page(c, g, request))

    def servant_count(self, day: date, chosen: DirectoryFilter) -> int:
        return self._query(VIEW, lambda c, g: directory.directory_count(c, g, day, chosen))

    def directory_entries(self, day: date, nips: Sequence[str]) -> dict[str, DirectoryEntry]:
        """The directory rows of ``nips`` on ``day``, in one statement (DataLoader batches)."""
        return self._query(VIEW, lambda c, g: directory.directory_entries(c, g, day, nips))
