"""The log as a Merkle tree: leaf i is the event hash of the i-th chain link in position order
(positions may have gaps on PostgreSQL, leaf indices have none), so each leaf binds the stored
content, identity and position of one event.

Why a table of completed subtrees: a root or a proof over n leaves needs the hashes of up to
log2(n) perfect subtrees. Recomputing them would read the whole log on every request; keeping
only an in-process frontier would be lost on restart and not shared between API processes.
Because the log is append-only, a perfect subtree over leaves [i * 2^k, (i + 1) * 2^k) never
changes once its last leaf exists, so it is written once to ``riwayat_merkle_nodes`` (itself
append-only) and read forever. Only subtrees of at least ``CHUNK`` leaves are stored; below
that a request rehashes one chunk's leaves, which costs less than the extra rows would.
Writers race harmlessly: a node's hash follows from the log, so a second insert of the same
node is ignored. The rows are filled on demand (by the first request after the log grew),
never by the append transaction, so writes pay nothing. Each request then reads the stored
nodes it needs, at most one chunk per proved leaf, and the unfinished tail (fewer than
``CHUNK`` links)."""

from __future__ import annotations

from typing import Any

from service.audit.checkpoint import Checkpoint
from service.audit.merkle import EMPTY_ROOT, leaf_hash, node_hash, split_point, subtree_over
from service.audit.tables import LogTables

CHUNK_LEVEL = 8
CHUNK = 1 << CHUNK_LEVEL
TABLE = "riwayat_merkle_nodes"


class MerkleLog:
    """The Merkle tree over the chain links of one application's log, with stored subtrees."""

    def __init__(self, tables: LogTables) -> None:
        self.tables = tables
        self._nodes: dict[tuple[int, int], bytes] = {}
        self._chunks: dict[int, tuple[list[int], list[bytes]]] = {}
        self.complete_chunks = 0
        self._tail_positions: list[int] = []
        self._tail: list[bytes] = []
        self._ensure_table()
        self.refresh()

    @property
    def size(self) -> int:
        return self.complete_chunks * CHUNK + len(self._tail)

    def refresh(self) -> None:
        """Store the chunks completed since the last call and reread the tail."""
        rows = self._query(f"SELECT idx, last_position FROM {TABLE} WHERE level = %s "
                           "ORDER BY idx DESC LIMIT 1", (CHUNK_LEVEL,))
        self.complete_chunks, after = (int(rows[0][0]) + 1, int(rows[0][1])) if rows else (0, 0)
        positions: list[int] = []
        leaves: list[bytes] = []
        new_rows: list[tuple[int, int, str, int]] = []
        for link in self.tables.links(after):
            positions.append(link.position)
            leaves.append(leaf_hash(bytes.fromhex(link.event_hash)))
            if len(leaves) == CHUNK:  # not kept: the first pass over a long log reads it all
                new_rows += self._completed(self.complete_chunks, leaves, positions[-1])
                self.complete_chunks += 1
                positions, leaves = [], []
        self._tail_positions, self._tail = positions, leaves
        if new_rows:
            self._insert(new_rows)

    def _completed(self, chunk: int, leaves: list[bytes], last_position: int
                   ) -> list[tuple[int, int, str, int]]:
        """The chunk's node and every stored parent it completes."""
        level, index, digest = CHUNK_LEVEL, chunk, subtree_over(leaves)(0, CHUNK)
        rows = []
        while True:
            self._nodes[(level, index)] = digest
            rows.append((level, index, digest.hex(), last_position))
            if not index & 1:
                return rows
            digest = node_hash(self.node(level, index - 1), digest)
            level, index = level + 1, index >> 1

    def node(self, level: int, index: int) -> bytes:
        """A stored perfect subtree: leaves [index * 2^level, (index + 1) * 2^level)."""
        key = (level, index)
        if key not in self._nodes:
            rows = self._query(f"SELECT hash FROM {TABLE} WHERE level = %s AND idx = %s", key)
            if not rows:
                raise LookupError(f"no stored Merkle node at level {level}, index {index}")
            self._nodes[key] = bytes.fromhex(str(rows[0][0]))
        return self._nodes[key]

    def subtree(self, start: int, end: int) -> bytes:
        """MTH of leaves [start, end), from stored nodes wherever the range is one of them."""
        size = end - start
        if size == 1:
            return self.leaf(start)
        stored_end = self.complete_chunks * CHUNK
        if size >= CHUNK and size & (size - 1) == 0 and start % size == 0 and end <= stored_end:
            return self.node(size.bit_length() - 1, start // size)
        k = split_point(size)
        return node_hash(self.subtree(start, start + k), self.subtree(start + k, end))

    def leaf(self, index: int) -> bytes:
        chunk, offset = divmod(index, CHUNK)
        if chunk >= self.complete_chunks:
            return self._tail[index - self.complete_chunks * CHUNK]
        return self._chunk(chunk)[1][offset]

    def leaf_index(self, position: int) -> int | None:
        """The leaf of the link at ``position``, or None when no link sits there."""
        rows = self._query(f"SELECT idx FROM {TABLE} WHERE level = %s AND last_position >= %s "
                           "ORDER BY idx LIMIT 1", (CHUNK_LEVEL, position))
        if rows:
            chunk = int(rows[0][0])
            positions, base = self._chunk(chunk)[0], chunk * CHUNK
        else:
            positions, base = self._tail_positions, self.complete_chunks * CHUNK
        return base + positions.index(position) if position in positions else None

    def position_of(self, index: int) -> int:
        chunk, offset = divmod(index, CHUNK)
        if chunk >= self.complete_chunks:
            return self._tail_positions[index - self.complete_chunks * CHUNK]
        return self._chunk(chunk)[0][offset]

    def checkpoint(self, taken_at: str, size: int | None = None) -> Checkpoint:
        """The tree head over the first ``size`` leaves (default: all of them)."""
        size = self.size if size is None else size
        if not 0 <= size <= self.size:
            raise ValueError(f"the log has {self.size} leaves, not {size}")
        if size == 0:
            return Checkpoint(0, EMPTY_ROOT.hex(), 0, f"{'0' * 64}@0", taken_at)
        head = self.position_of(size - 1)
        link = self.tables.link_at(head)
        assert link is not None
        return Checkpoint(size, self.subtree(0, size).hex(), head, f"{link.chain_hash}@{head}",
                          taken_at)

    def first_stored_mismatch(self) -> str | None:
        """Recompute every stored node from the links (a full pass, as ``verify`` makes)."""
        rebuilt = MerkleLog.__new__(MerkleLog)
        rebuilt.tables, rebuilt._nodes, rebuilt._chunks = self.tables, {}, {}
        expected: dict[tuple[int, int], str] = {}
        positions: list[int] = []
        leaves: list[bytes] = []
        chunk = 0
        for link in self.tables.links(0):
            positions.append(link.position)
            leaves.append(leaf_hash(bytes.fromhex(link.event_hash)))
            if len(leaves) == CHUNK:
                for level, index, digest, _ in rebuilt._completed(chunk, leaves, positions[-1]):
                    expected[(level, index)] = digest
                chunk, positions, leaves = chunk + 1, [], []
        for level, index, digest in self._query(f"SELECT level, idx, hash FROM {TABLE}", ()):
            if expected.get((int(level), int(index))) != digest:
                return f"stored Merkle node at level {level}, index {index} does not follow from the log"
        return None

    def _chunk(self, chunk: int) -> tuple[list[int], list[bytes]]:
        """The positions and leaf hashes of a complete chunk: the links after the previous
        chunk's last position through its own."""
        if chunk not in self._chunks:
            rows = self._query(f"SELECT idx, last_position FROM {TABLE} WHERE level = %s "
                               "AND idx IN (%s, %s)", (CHUNK_LEVEL, chunk - 1, chunk))
            bounds = {int(idx): int(last) for idx, last in rows}
            links = list(self.tables.links(bounds.get(chunk - 1, 0), bounds[chunk]))
            self._chunks[chunk] = ([x.position for x in links],
                                   [leaf_hash(bytes.fromhex(x.event_hash)) for x in links])
        return self._chunks[chunk]

    def _ensure_table(self) -> None:
        # Once per recorder: DDL on every request would take table locks on PostgreSQL.
        if getattr(self.tables.recorder, "riwayat_merkle_ready", False):
            return
        with self.tables.datastore.transaction(commit=True) as cursor:
            if self.tables.postgres:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext('riwayat-schema'))")
            for statement in self._schema():
                cursor.execute(statement)
        self.tables.recorder.riwayat_merkle_ready = True

    def _schema(self) -> list[str]:
        table = self._table()
        statements = [
            f"CREATE TABLE IF NOT EXISTS {table} (level integer NOT NULL, idx bigint NOT NULL, "
            "hash text NOT NULL, last_position bigint NOT NULL, PRIMARY KEY (level, idx))",
            f"CREATE INDEX IF NOT EXISTS {TABLE}_by_position ON {table} (level, last_position)",
        ]
        if self.tables.postgres:
            guard = f'"{self.tables.datastore.schema}".riwayat_append_only'
            return statements + [
                f"CREATE OR REPLACE TRIGGER riwayat_merkle_no_change BEFORE UPDATE OR DELETE ON "
                f"{table} FOR EACH ROW EXECUTE FUNCTION {guard}()"]
        return statements + [
            f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_{action.lower()} BEFORE {action} ON {TABLE} "
            f"BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only'); END"
            for action in ("UPDATE", "DELETE")]

    def _table(self) -> str:
        if self.tables.postgres:
            return f'"{self.tables.datastore.schema}".{TABLE}'
        return TABLE

    def _insert(self, rows: list[tuple[int, int, str, int]]) -> None:
        if self.tables.postgres:
            statement = (f"INSERT INTO {self._table()} VALUES (%s, %s, %s, %s) "
                         "ON CONFLICT DO NOTHING")
        else:
            statement = f"INSERT OR IGNORE INTO {TABLE} VALUES (?, ?, ?, ?)"
        with self.tables.datastore.transaction(commit=True) as cursor:
            cursor.executemany(statement, rows)

    def _query(self, statement: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        text = statement.replace(TABLE, self._table(), 1)
        if not self.tables.postgres:
            text = text.replace("%s", "?")
        with self.tables.datastore.transaction(commit=False) as cursor:
            cursor.execute(text, params)
            rows = cursor.fetchall()
        return [tuple(row.values()) if isinstance(row, dict) else tuple(row) for row in rows]
