"""Logs on stderr, never with tokens: JSON lines for machines (one object per line, with the
request id and actor), or coloured lines for a person at a terminal in development.

uvicorn attaches a ``color_message`` to some records (a copy of the message with terminal
colour codes, for its own coloured formatter); it is never written, so JSON lines stay plain.
``logging_config`` is handed to uvicorn, which applies it in every worker process too."""

from __future__ import annotations

import logging
import logging.config
import os
import sys
from typing import Any, TextIO

from projections import json_codec

_STANDARD = set(vars(logging.makeLogRecord({})).keys()) | {"message", "asctime", "color_message"}
# Never logged even if a caller passes them: credentials and personal fields.
_REDACTED = {"authorization", "token", "password", "birth_date", "birthDate", "name"}

# ANSI SGR colours of the level names on a terminal.
_LEVEL_COLOURS = {"DEBUG": "2", "INFO": "32", "WARNING": "33", "ERROR": "31", "CRITICAL": "1;31"}


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    """What a caller added with ``extra=``, less the fields never logged."""
    return {
        key: value if isinstance(value, (int, float, bool, type(None))) else str(value)
        for key, value in vars(record).items()
        if key not in _STANDARD and key not in _REDACTED
    }


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(_fields(record))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json_codec.dumps_text(entry)


class ConsoleFormatter(logging.Formatter):
    """``12:00:01 INFO  riwayat.access request status=200 ms=3.1``: the same fields as the
    JSON lines, for reading; the level in colour when ``colours``."""

    def __init__(self, colours: bool = True) -> None:
        super().__init__()
        self.colours = colours

    def format(self, record: logging.LogRecord) -> str:
        level = f"{record.levelname:<7}"
        if self.colours:
            level = f"\x1b[{_LEVEL_COLOURS.get(record.levelname, '0')}m{level}\x1b[0m"
        name = f"\x1b[2m{record.name}\x1b[0m" if self.colours else record.name
        fields = " ".join(f"{key}={value}" for key, value in _fields(record).items())
        line = f"{self.formatTime(record, '%H:%M:%S')} {level} {name} {record.getMessage()}"
        line = f"{line} {fields}" if fields else line
        if record.exc_info:
            line = f"{line}\n{self.formatException(record.exc_info)}"
        return line


def resolved_format(log_format: str, production: bool, stream: TextIO | None = None) -> str:
    """``json`` or ``console`` for a ``RIWAYAT_LOG_FORMAT`` setting; ``auto`` means console
    only for a person: on a terminal, in development."""
    if log_format != "auto":
        return log_format
    stream = sys.stderr if stream is None else stream
    return "console" if not production and _is_terminal(stream) else "json"


def logging_config(log_format: str = "json", level: int = logging.INFO) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for ``json`` or ``console`` logs on stderr."""
    formatter: dict[str, Any] = {"()": f"{__name__}.JsonFormatter"}
    if log_format == "console":
        colours = _is_terminal(sys.stderr) and "NO_COLOR" not in os.environ
        formatter = {"()": f"{__name__}.ConsoleFormatter", "colours": colours}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"riwayat": formatter},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr",
                                "formatter": "riwayat"}},
        "root": {"handlers": ["stderr"], "level": level},
        # uvicorn's loggers carry no handlers of their own: their records reach the root's.
        "loggers": {
            "uvicorn": {"handlers": [], "propagate": True},
            "uvicorn.error": {"handlers": [], "propagate": True},
            # riwayat.access logs every request with its id and actor; uvicorn's adds nothing.
            "uvicorn.access": {"handlers": [], "propagate": True, "level": logging.WARNING},
        },
    }


def configure_logging(log_format: str = "json", level: int = logging.INFO) -> None:
    logging.config.dictConfig(logging_config(log_format, level))


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
