"""RIWAYAT_READ_DATABASE_URL: read once with the other settings, PostgreSQL only, and the
standby's schema follows the primary's unless named."""

from __future__ import annotations

import pytest

from service.settings import Settings, SettingsError

PRIMARY = "postgresql://postgres@127.0.0.1:5432/riwayat?schema=agency"


def test_reads_go_to_the_primary_without_a_read_url() -> None:
    assert Settings.from_env({"RIWAYAT_DATABASE_URL": PRIMARY}).read_postgres is None


def test_the_standby_takes_the_primarys_schema_unless_named() -> None:
    settings = Settings.from_env({"RIWAYAT_DATABASE_URL": PRIMARY,
                                  "RIWAYAT_READ_DATABASE_URL": "postgresql://ro@10.0.0.2:5433/riwayat"})
    assert settings.read_postgres == {"dbname": "riwayat", "host": "10.0.0.2", "port": "5433",
                                      "user": "ro", "password": "", "schema": "agency"}
    named = Settings.from_env({"RIWAYAT_DATABASE_URL": PRIMARY,
                               "RIWAYAT_READ_DATABASE_URL": "postgresql://h:5433/riwayat?schema=other"})
    assert named.read_postgres is not None and named.read_postgres["schema"] == "other"


@pytest.mark.parametrize("primary, read", [
    ("sqlite:///riwayat.db", "postgresql://127.0.0.1:5433/riwayat"),
    (PRIMARY, "sqlite:///replica.db"),
])
def test_a_read_url_needs_postgresql_on_both_sides(primary: str, read: str) -> None:
    with pytest.raises(SettingsError, match="RIWAYAT_READ_DATABASE_URL"):
        Settings.from_env({"RIWAYAT_DATABASE_URL": primary, "RIWAYAT_READ_DATABASE_URL": read})
