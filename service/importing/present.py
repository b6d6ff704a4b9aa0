"""Which of many servants already have a stream, in one statement per chunk of servants: the
import looks up the earlier-imported source ids only of those, so a first import into a
fresh log costs no read per servant beyond bulk append's own."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any
from uuid import UUID

from eventsourcing.postgres import PostgresDatastore
from psycopg.sql import SQL, Identifier

from domain.errors import DomainError
from domain.nip import validate_nip
from domain.servant import servant_id

SQLITE_PARAMETERS = 500  # well under SQLite's limit of host parameters per statement


def servants_present(app: Any, nips: Collection[str]) -> set[str]:
    """The NIPs among ``nips`` that name a stored stream (invalid NIPs count as present, so
    the caller's look-up reports them)."""
    ids: dict[UUID, str] = {}
    present: set[str] = set()
    for nip in nips:
        try:
            ids[servant_id(validate_nip(nip))] = nip
        except DomainError:
            present.add(nip)
    recorder = app.recorder
    table = recorder.events_table_name
    with recorder.datastore.transaction(commit=False) as cursor:
        if isinstance(recorder.datastore, PostgresDatastore):
            cursor.execute(SQL("SELECT DISTINCT originator_id FROM {}.{} WHERE originator_id "
                               "= ANY(%s)").format(Identifier(recorder.datastore.schema),
                                                   Identifier(table)), (list(ids),))
            found = [row["originator_id"] for row in cursor.fetchall()]
        else:
            keys = [i.hex for i in ids]
            found = []
            for start in range(0, len(keys), SQLITE_PARAMETERS):
                part = keys[start:start + SQLITE_PARAMETERS]
                cursor.execute(f"SELECT DISTINCT originator_id FROM {table} WHERE "
                               f"originator_id IN ({','.join('?' * len(part))})", part)
                found += [UUID(str(row[0])) for row in cursor.fetchall()]
    return present | {ids[UUID(str(i))] for i in found}
