"""Write load against a running server: N clients post idempotent training records, retrying
every failure with the same key, and print what was acknowledged and how often they retried.

    .venv/bin/python scripts/load.py http://127.0.0.1:8000 --token "$(riwayat token --role hr --sub load --scope '*')"
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.sample.load import run_load  # noqa: TID251 - a script, like the CLI


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("url")
    parser.add_argument("--token", required=True, help="an hr token whose scope covers KEMENKEU")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--servants", type=int, default=10, help="per client")
    parser.add_argument("--per-servant", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=300, help="give up retrying after this")
    parser.add_argument("--tag", default=f"load{int(time.time())}", help="idempotency key prefix")
    args = parser.parse_args()
    started = time.monotonic()
    outcome = run_load(
        args.url,
        args.token,
        clients=args.clients,
        servants=args.servants,
        per_servant=args.per_servant,
        deadline=started + args.seconds,
        tag=args.tag,
    )
    elapsed = time.monotonic() - started
    print(
        json.dumps(
            {
                "acknowledged": len(outcome.acknowledged),
                "attempts": outcome.attempts,
                "retry_causes": dict(outcome.failures),
                "unacknowledged": len(outcome.unacknowledged),
                "unexpected": outcome.unexpected[:5],
                "seconds": round(elapsed, 1),
                "acknowledged_per_second": round(len(outcome.acknowledged) / elapsed, 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
