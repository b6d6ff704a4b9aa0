#!/usr/bin/env bash
# Full-size fuzz of the GraphQL API with schemathesis against a live server:
#   scripts/fuzz.sh [REQUESTS]   (default 2000; the test suite runs 150)
# Set RIWAYAT_FUZZ_DATABASE_URL=postgresql://...?schema=NAME to fuzz on PostgreSQL instead of SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
export RIWAYAT_FUZZ_REQUESTS="${1:-2000}"
exec "${PYTHON:-.venv/bin/python}" -m pytest -q -s tests/e2e/test_fuzz_graphql.py
