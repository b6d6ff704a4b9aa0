"""Audit package size against log size: one servant's package (about 47 events) as the log
grows, in the Merkle format, beside what the former chain-path format would have carried.

    .venv/bin/python -m bench.audit_package_size --sizes 1000,10000,100000

Logs are written with the project's generator (bench/generate_log.py) into one SQLite file
that grows from size to size. At each size the servant whose event count is closest to
``--events`` is exported as ``riwayat export`` writes it (indented JSON); the figures are the
file's bytes, the hashes per inclusion proof, and the wall time of a checkpoint with one
inclusion proof per event read from the stored subtrees (the first request after the log
grew also stores the new subtrees, timed separately). The former format's size is its
``path`` (every other event from the servant's first to the head) plus this package's events,
computed from the same log."""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
import time
from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import Any

from bench.generate_log import build_events
from domain.servant import servant_id
from service.application import Riwayat  # noqa: TID251 - a script, like the CLI
from service.audit import tables_of  # noqa: TID251 - a script, like the CLI
from service.audit.merkle import inclusion_proof  # noqa: TID251 - a script, like the CLI
from service.audit.merkle_log import MerkleLog  # noqa: TID251 - a script, like the CLI
from service.audit.package import export  # noqa: TID251 - a script, like the CLI
from service.settings import Settings  # noqa: TID251 - a script, like the CLI


def grow(app: Riwayat, first: int, servants: int) -> None:
    keyed = sorted(build_events(first, servants), key=lambda k: k[:3])
    for start in range(0, len(keyed), 5000):
        app.save(*(k[3] for k in keyed[start:start + 5000]))


def servant_near(app: Riwayat, events: int) -> tuple[str, int]:
    counts: Counter[str] = Counter(r.originator_id for r in tables_of(app).events(0))
    stream, count = min(counts.items(), key=lambda item: (abs(item[1] - events), item[0]))
    first = tables_of(app).stream(stream)[0]
    return str(json.loads(first.state)["nip"]), count


def former_path_bytes(app: Riwayat, package: dict[str, Any]) -> int:
    """The chain-path format: one entry per other event from the servant's first to the head."""
    tables, ours = tables_of(app), package["originator_id"]
    start = package["events"][0]["position"]
    path = [[r.position, r.originator_id, r.version, r.topic, hashlib.sha256(r.state).hexdigest()]
            for r in tables.events(start - 1, package["checkpoint"]["head_position"])
            if r.originator_id != ours]
    return len(json.dumps({"path": path}, indent=2))


def timed_proofs(app: Riwayat, nip: str) -> tuple[float, float]:
    started = time.perf_counter()
    MerkleLog(tables_of(app))  # stores whatever subtrees completed since the last request
    storing = time.perf_counter() - started
    started = time.perf_counter()
    tables = tables_of(app)
    log = MerkleLog(tables)
    log.checkpoint("2026-01-01T00:00:00+00:00")
    for row in tables.stream(str(servant_id(nip))):
        index = log.leaf_index(row.position)
        assert index is not None
        inclusion_proof(index, log.size, log.subtree)
    return storing, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,3000,10000,30000,100000",
                        help="log sizes (events) to measure, ascending")
    parser.add_argument("--events", type=int, default=47, help="events of the servant exported")
    parser.add_argument("--database", type=Path, help="SQLite file (default: a temporary one)")
    args = parser.parse_args()
    path = args.database or Path(tempfile.mkdtemp()) / "bench.db"
    with closing(Riwayat(env=Settings(database_url=f"sqlite:///{path}").eventsourcing_env())) as app:
        print(f"{'log events':>10} {'servant events':>14} {'package bytes':>13} "
              f"{'hashes/proof':>12} {'proof bytes':>11} {'former bytes':>12} {'store s':>8} {'proofs ms':>9}")
        servants = 0
        for target in (int(s) for s in args.sizes.split(",")):
            while (app.recorder.max_notification_id() or 0) < target:
                batch = max(10, (target - (app.recorder.max_notification_id() or 0)) // 29)
                grow(app, servants, batch)
                servants += batch
            nip, count = servant_near(app, args.events)
            storing, proofs = timed_proofs(app, nip)
            package = export(app, nip)
            size = len(json.dumps(package, indent=2, ensure_ascii=False)) + 1
            bare = {**package, "events": [{**e, "inclusion_proof": []} for e in package["events"]]}
            proof_bytes = size - 1 - len(json.dumps(bare, indent=2, ensure_ascii=False))
            former = former_path_bytes(app, package) + size - proof_bytes
            hashes = max(len(e["inclusion_proof"]) for e in package["events"])
            print(f"{package['checkpoint']['tree_size']:>10} {count:>14} {size:>13,} "
                  f"{hashes:>12} {proof_bytes:>11,} {former:>12,} {storing:>8.2f} {proofs * 1000:>9.1f}", flush=True)


if __name__ == "__main__":
    main()
