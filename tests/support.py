"""Test support: the stores under test, a live HTTP server running the real ASGI app, and a
GraphQL client that speaks to it over TCP."""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import httpx
import psycopg
import pytest
import uvicorn

from service.asgi import create_app, open_services
from service.auth import Authenticator, utc_now
from service.settings import Settings

TEST_SECRET = "test-secret-" + "x" * 40
POSTGRES_URL = os.environ.get("RIWAYAT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def selected_stores() -> list[str]:
    names = os.environ.get("RIWAYAT_TEST_STORES", "sqlite,postgres")
    return [name.strip() for name in names.split(",") if name.strip()]


def require_postgres(url: str = POSTGRES_URL) -> None:
    """Skip a test that needs PostgreSQL when it is unreachable; in CI (``CI=true``) fail it
    instead, so a broken database cannot turn the PostgreSQL half of the suite into skips."""
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.OperationalError as error:
        reason = f"PostgreSQL unreachable: {error}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason} (CI=true: a test that needs PostgreSQL must run)")
        pytest.skip(reason)


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A fresh schema per test, dropped afterwards; yields the database URL naming it."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{POSTGRES_URL}?schema={schema}"
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@contextmanager
def empty_store_settings(store: str, tmp_path: Any, name: str) -> Iterator[Settings]:
    """Settings of a second, empty store of the same kind as ``store``."""
    if store == "sqlite":
        yield test_settings(f"sqlite:///{tmp_path / f'{name}.db'}", tmp_path / name)
        return
    with postgres_schema() as url:
        yield test_settings(url, tmp_path / name)


def test_settings(database_url: str, tmp_path: Any, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "jwt_secret": TEST_SECRET,
        "secret_file": tmp_path / "secret",
        "import_runs_dir": tmp_path / "imports",
        "projection_poll_seconds": 0.05,
        **overrides,
    }
    return Settings(**values)


class LiveServer:
    """uvicorn serving ``create_app(settings)`` on a free loopback port, in a thread."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.port = _free_port()
        self.services = open_services(settings)
        config = uvicorn.Config(
            create_app(settings, self.services), host="127.0.0.1", port=self.port, log_level="warning",
            lifespan="on",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{self.port}"
        self.authenticator = Authenticator(settings)
        self.client = httpx.Client(base_url=self.url, timeout=30)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        self.server.should_exit = True
        self.thread.join(timeout=20)

    def token(self, role: str = "hr", scopes: tuple[str, ...] = ("*",), subject: str | None = None,
              ttl: timedelta = timedelta(hours=1)) -> str:
        return self.authenticator.issue(
            role=role, subject=subject or f"test-{role}", scopes=scopes, ttl=ttl, now=utc_now()
        )

    def post(self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None,
             role: str | None = "hr") -> httpx.Response:
        headers = {}
        if token is None and role is not None:
            token = self.token(role)
        if token is not None:
            headers["authorization"] = f"Bearer {token}"
        return self.client.post("/graphql", json={"query": query, "variables": variables or {}},
                                headers=headers)

    def gql(self, query: str, variables: dict[str, Any] | None = None, **kwargs: Any) -> dict[str, Any]:
        response = self.post(query, variables, **kwargs)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def log_head(self) -> int:
        return int(self.services.app.recorder.max_notification_id() or 0)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def errors_of(body: dict[str, Any]) -> list[str]:
    return [error.get("extensions", {}).get("code") for error in body.get("errors") or []]
