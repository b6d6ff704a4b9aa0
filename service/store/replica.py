"""Reads from a streaming-replication standby, writes to the primary.

With ``RIWAYAT_READ_DATABASE_URL`` set, the read models' queries (``reader``, the one-statement
reads, the read-your-writes wait) run on the standby; the projection runner's connections, its
LISTEN connection and every DDL statement go to the primary, where the views are written. The
views reach the standby by physical replication, so a view's tracking row on the standby is the
standby's own copy: a wait for log position P that reads it there knows that both the view has
applied P and the standby has replayed that commit."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from projections.engine.postgres import PostgresConn, PostgresParams, PostgresStore


class StandbyReadStore(PostgresStore):
    """A PostgreSQL store whose connections are the primary's and whose reads are a standby's."""

    reads_from_standby = True

    def __init__(self, primary: PostgresParams, standby: PostgresParams, pool_size: int = 4) -> None:
        super().__init__(primary, pool_size=pool_size)
        self.standby = PostgresStore(standby, pool_size=pool_size)
        self.standby.connection_hooks = self.connection_hooks  # one list: hooks see every read

    @contextmanager
    def reader(self) -> Iterator[PostgresConn]:
        with self.standby.reader() as conn:
            yield conn

    def fetch_one_statement(self, statement: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        return self.standby.fetch_one_statement(statement, params)

    async def fetch_one_statement_async(self, statement: str,
                                        params: Sequence[Any]) -> list[tuple[Any, ...]]:
        return await self.standby.fetch_one_statement_async(statement, params)

    async def close_async(self) -> None:
        await self.standby.close_async()
        await super().close_async()

    def close(self) -> None:
        self.standby.close()
        super().close()
