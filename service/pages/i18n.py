"""The pages' words, in Indonesian (the default) and English: one message catalogue per
language (messages/<lang>.json), chosen by the ``riwayat_lang`` cookie that the language switch
sets. A key missing from a catalogue falls back to Indonesian, then to the key itself."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from starlette.requests import Request

from projections import json_codec

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
LANGUAGE_COOKIE = "riwayat_lang"
_FOLDER = Path(__file__).parent / "messages"


@cache
def catalogue(language: str) -> dict[str, str]:
    messages: dict[str, str] = json_codec.loads((_FOLDER / f"{language}.json").read_text("utf-8"))
    return messages


def language_of(request: Request) -> str:
    chosen = request.cookies.get(LANGUAGE_COOKIE, DEFAULT_LANGUAGE)
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def translator(language: str) -> Translate:
    return Translate(language)


class Translate:
    def __init__(self, language: str) -> None:
        self.language = language
        self._messages = catalogue(language)
        self._fallback = catalogue(DEFAULT_LANGUAGE)

    def __call__(self, key: str, **values: object) -> str:
        text = self._messages.get(key) or self._fallback.get(key) or key
        return text.format(**values) if values else text
