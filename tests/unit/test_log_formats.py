"""Log lines for machines (JSON) and for people (console), and which one a setting selects."""

from __future__ import annotations

import io
import json
import logging

import pytest

from service.logs import ConsoleFormatter, JsonFormatter, logging_config, resolved_format
from service.settings import Settings, SettingsError


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _record(message: str = "request", **extra: object) -> logging.LogRecord:
    record = logging.makeLogRecord({"name": "riwayat.access", "levelno": logging.WARNING,
                                    "levelname": "WARNING", "msg": message})
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def test_console_line_names_time_level_logger_message_and_fields() -> None:
    line = ConsoleFormatter(colours=False).format(_record(status=404, actor="hr:ana"))
    assert line.endswith(" WARNING riwayat.access request status=404 actor=hr:ana")
    assert line[:8].count(":") == 2  # HH:MM:SS first


def test_console_colours_the_level_only_when_asked() -> None:
    coloured = ConsoleFormatter(colours=True).format(_record())
    assert "\x1b[33mWARNING\x1b[0m" in coloured
    assert "\x1b[" not in ConsoleFormatter(colours=False).format(_record())


@pytest.mark.parametrize("formatter", [JsonFormatter(), ConsoleFormatter(colours=False)])
def test_uvicorn_colour_copy_and_secrets_are_never_written(formatter: logging.Formatter) -> None:
    record = _record("Started server process [%d]", color_message="Started [\x1b[36m%d\x1b[0m]",
                     token="secret-token", birth_date="1990-01-01")
    record.args = (42,)
    line = formatter.format(record)
    assert "Started server process [42]" in line
    for leaked in ("color_message", "\x1b", "\\u001b", "secret-token", "1990-01-01"):
        assert leaked not in line


def test_json_line_is_one_object_with_the_extra_fields() -> None:
    entry = json.loads(JsonFormatter().format(_record(status=200, ms=1.5)))
    assert {"level": "warning", "logger": "riwayat.access", "message": "request",
            "status": 200, "ms": 1.5}.items() <= entry.items()


@pytest.mark.parametrize(("setting", "production", "terminal", "expected"), [
    ("auto", False, True, "console"),
    ("auto", False, False, "json"),
    ("auto", True, True, "json"),
    ("json", False, True, "json"),
    ("console", True, False, "console"),
])
def test_auto_means_console_only_on_a_terminal_in_development(
        setting: str, production: bool, terminal: bool, expected: str) -> None:
    stream = _Terminal() if terminal else io.StringIO()
    assert resolved_format(setting, production, stream) == expected


def test_the_setting_is_read_once_and_checked() -> None:
    assert Settings.from_env({}).log_format == "auto"
    assert Settings.from_env({"RIWAYAT_LOG_FORMAT": "json"}).log_format == "json"
    with pytest.raises(SettingsError, match="RIWAYAT_LOG_FORMAT"):
        Settings.from_env({"RIWAYAT_LOG_FORMAT": "pretty"})


def test_uvicorn_loggers_reach_the_one_stderr_handler() -> None:
    config = logging_config("json")
    assert config["formatters"]["riwayat"] == {"()": "service.logs.JsonFormatter"}
    assert config["root"]["handlers"] == ["stderr"]
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        assert config["loggers"][name]["handlers"] == []
        assert config["loggers"][name]["propagate"] is True
    # Under pytest stderr is not a terminal: console lines come without colour codes.
    assert logging_config("console")["formatters"]["riwayat"]["colours"] is False
