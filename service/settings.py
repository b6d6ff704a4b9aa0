"""Configuration, read once from the environment when the app or a command starts."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

DEFAULT_DATABASE_URL = "sqlite:///riwayat.db"
LOG_FORMATS = ("auto", "json", "console")


class SettingsError(ValueError):
    """Raised when the environment holds an unusable setting."""


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    # A hot standby of database_url's PostgreSQL (service/store/replica.py): the views' queries
    # read there; writes and projection workers stay on the primary. Its schema defaults to
    # database_url's.
    read_database_url: str | None = None
    mode: str = "development"
    host: str = "127.0.0.1"
    port: int = 8000
    jwt_secret: str | None = None
    jwt_public_key: str | None = None
    jwt_algorithm: str = "HS256"
    jwt_jwks_url: str | None = None
    jwt_jwks_refresh_seconds: float = 30.0
    jwt_audience: str | None = None
    jwt_issuer: str | None = None
    jwt_role_claim: str = "role"
    jwt_role_map: str = ""
    jwt_scope_claim: str = "scope"
    jwt_scope_format: str = "list"
    jwt_scope_prefix: str = ""
    max_token_lifetime_hours: float = 24.0
    secret_file: Path = Path(".riwayat/jwt-secret")
    # Where ``riwayat import`` keeps each run's summary and report CSV (service.importing).
    import_runs_dir: Path = Path(".riwayat/imports")
    run_projections: bool = True
    projection_poll_seconds: float = 0.5
    projection_batch_size: int = 1000
    read_your_writes_timeout: float = 5.0
    ready_max_lag_events: int = 10_000
    max_page_size: int = 100
    # Live feeds (GraphQL subscriptions over graphql-transport-ws).
    max_subscriptions_per_connection: int = 10
    max_connections_per_subject: int = 5
    websocket_idle_seconds: float = 300.0
    live_poll_seconds: float = 0.5
    max_query_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 2_000
    max_query_fields: int = 500
    max_introspection_depth: int = 15
    max_body_bytes: int = 256 * 1024
    request_timeout_seconds: float = 30.0
    max_header_bytes: int = 16 * 1024
    header_timeout_seconds: float = 10.0
    keep_alive_seconds: float = 5.0
    limit_concurrency: int = 512
    # Per API process: exact answers of single-servant reads (service/response_cache.py).
    response_cache_bytes: int = 64 * 1024 * 1024
    backdating_threshold_days: int = 365
    same_actor_window_hours: float = 72.0
    db_pool_size: int = 4
    db_max_overflow: int = 16
    db_connect_timeout: int = 2
    # Origins (scheme://host[:port]) whose browser apps may call the API; none by default.
    cors_origins: tuple[str, ...] = ()
    # Logs on stderr: "console" (coloured lines for people), "json" (one object per line),
    # "auto" (console on a terminal in development, JSON otherwise).
    log_format: str = "auto"
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        defaults = cls()
        values: dict[str, Any] = {}
        for name, default in vars(defaults).items():
            key = f"RIWAYAT_{name.upper()}"
            if key not in env or name == "extra":
                continue
            raw = env[key]
            try:
                values[name] = _cast(default, raw)
            except ValueError:
                raise SettingsError(f"{key}={raw!r} is not a valid {type(default).__name__}") from None
        settings = replace(defaults, **values)
        if settings.mode not in ("development", "production"):
            raise SettingsError("RIWAYAT_MODE must be 'development' or 'production'")
        if settings.log_format not in LOG_FORMATS:
            raise SettingsError(f"RIWAYAT_LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}")
        if settings.read_database_url and not (
            settings.is_postgres and _is_postgres_url(settings.read_database_url)
        ):
            raise SettingsError("RIWAYAT_READ_DATABASE_URL needs PostgreSQL URLs for it and for "
                                "RIWAYAT_DATABASE_URL (a standby of that primary)")
        for origin in settings.cors_origins:
            if not _is_origin(origin):
                raise SettingsError(
                    f"RIWAYAT_CORS_ORIGINS: {origin!r} is not an origin such as https://host:port"
                )
        return settings

    @property
    def production(self) -> bool:
        return self.mode == "production"

    @property
    def is_postgres(self) -> bool:
        return _is_postgres_url(self.database_url)

    @property
    def sqlite_path(self) -> str:
        url = self.database_url
        return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url

    @property
    def postgres(self) -> dict[str, str]:
        return _postgres_parts(self.database_url, "public")

    @property
    def read_postgres(self) -> dict[str, str] | None:
        """The standby's connection parts, or None when reads go to the primary."""
        if not self.read_database_url:
            return None
        return _postgres_parts(self.read_database_url, self.postgres["schema"])

    def eventsourcing_env(self) -> dict[str, str]:
        """The library's settings for the log (see eventsourcing's env variables)."""
        env = {"AGGREGATE_CACHE_MAXSIZE": "2000", "CREATE_TABLE": "y"}
        if self.is_postgres:
            pg = self.postgres
            env.update(
                PERSISTENCE_MODULE="eventsourcing.postgres",
                APPLICATION_RECORDER_TOPIC="service.store.postgres:RiwayatPostgresRecorder",
                POSTGRES_DBNAME=pg["dbname"],
                POSTGRES_HOST=pg["host"],
                POSTGRES_PORT=pg["port"],
                POSTGRES_USER=pg["user"],
                POSTGRES_PASSWORD=pg["password"],
                POSTGRES_SCHEMA=pg["schema"],
                POSTGRES_POOL_SIZE=str(self.db_pool_size),
                POSTGRES_MAX_OVERFLOW=str(self.db_max_overflow),
                POSTGRES_CONNECT_TIMEOUT=str(self.db_connect_timeout),
                # No liveness round trip before each use: a dead connection fails its first
                # statement, is discarded by the pool and the library retries on another.
                POSTGRES_PRE_PING="n",
                POSTGRES_LOCK_TIMEOUT="10",
            )
        else:
            path = self.sqlite_path
            if path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            env.update(
                PERSISTENCE_MODULE="eventsourcing.sqlite",
                APPLICATION_RECORDER_TOPIC="service.store.sqlite:RiwayatSQLiteRecorder",
                SQLITE_DBNAME=path,
                SQLITE_LOCK_TIMEOUT="10",
            )
        env.update(self.extra)
        return env


def _is_postgres_url(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def _postgres_parts(database_url: str, default_schema: str) -> dict[str, str]:
    url = urlparse(database_url)
    query = parse_qs(url.query)
    return {
        "dbname": url.path.lstrip("/") or "postgres",
        "host": url.hostname or "127.0.0.1",
        "port": str(url.port or 5432),
        "user": unquote(url.username or "postgres"),
        "password": unquote(url.password or ""),
        "schema": query.get("schema", [default_schema])[0],
    }


def _cast(default: Any, raw: str) -> Any:
    if isinstance(default, bool):
        if raw.lower() in ("1", "true", "yes", "y", "on"):
            return True
        if raw.lower() in ("0", "false", "no", "n", "off"):
            return False
        raise ValueError(raw)
    if isinstance(default, Path):
        return Path(raw)
    if isinstance(default, tuple):  # a comma-separated list; blanks are dropped
        return tuple(item.strip() for item in raw.split(",") if item.strip())
    if default is None:
        return raw
    return type(default)(raw)


def _is_origin(value: str) -> bool:
    """An origin as browsers send it: scheme and host, maybe a port, nothing else; or ``*``."""
    if value == "*":
        return True
    url = urlparse(value)
    try:
        url.port  # noqa: B018 - parsing the port is the check
    except ValueError:
        return False
    return (
        url.scheme in ("http", "https")
        and bool(url.hostname)
        and not url.path
        and not url.query
        and not url.fragment
        and not url.username
        and value == f"{url.scheme}://{url.netloc}"
    )
