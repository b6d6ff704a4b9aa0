"""In CI a test that needs PostgreSQL fails when PostgreSQL is unreachable; elsewhere it is
skipped, with the reason."""

from __future__ import annotations

import pytest

from tests.support import require_postgres

NOWHERE = "postgresql://postgres@127.0.0.1:1/test"  # port 1: nothing listens


def test_unreachable_postgres_fails_the_test_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        require_postgres(NOWHERE)


def test_unreachable_postgres_skips_the_test_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="unreachable"):
        require_postgres(NOWHERE)
