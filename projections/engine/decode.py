"""Fast decoding of stored events, equal to the library's mapper.

The library decodes JSON with an ``object_hook`` (a Python call for every dict) and resolves
the topic, the id type and upcasting for each event; that costs about as much as a view's
rows. Here ``orjson.loads`` runs without a hook, tagged values (``{"_type_", "_data_"}``) are
converted with the transcoder's own transcodings, bottom-up as the hook does, and the event
is built the way the mapper builds it (``object.__new__`` and its ``__dict__``). Whatever the
fast path does not know (a cipher, a compressor, a versioned class, a foreign topic) goes to
the library. ``tests/integration/test_projection_decode.py`` checks both agree."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import EnumMeta
from functools import cache
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import resolve_topic

from domain.servant import CivilServant as CS
from projections import json_codec

_loads = json_codec.loads
_JSONDecodeError = json_codec.JSONDecodeError


class FastDecoder:
    def __init__(self, mapper: Any) -> None:
        self.mapper = mapper
        transcoder = getattr(mapper, "transcoder", None)
        self.names: dict[str, Any] | None = getattr(transcoder, "names", None)
        self.enabled = (
            self.names is not None and not getattr(mapper, "cipher", None)
            and not getattr(mapper, "compressor", None)
        )
        # Plain string data of these names decodes with a direct function (checked equal).
        self.direct = _direct_decoders(self.names or {})

    def decode(self, originator_id: UUID | str, version: int, topic: str,
               state: bytes | memoryview) -> CS.Event:
        cls = _event_class(topic) if self.enabled else None
        if cls is None:
            return self._library(originator_id, version, topic, state)
        try:
            # Stricter than ``json`` (no NaN, no lone surrogates, no integers beyond 64
            # bits): whatever it refuses goes to the library, which decides.
            d = _loads(state)
        except _JSONDecodeError:
            return self._library(originator_id, version, topic, state)
        if type(d) is not dict or "class_version" in d:
            return self._library(originator_id, version, topic, state)
        direct = self.direct
        for key, value in d.items():
            kind = type(value)
            if kind is dict:
                if len(value) == 2:
                    data = value.get("_data_")
                    if type(data) is str:
                        function = direct.get(value.get("_type_"))
                        if function is not None:
                            d[key] = function(data)
                            continue
                d[key] = self._walk(value)
            elif kind is list:
                d[key] = self._walk(value)
        d["originator_id"] = originator_id if type(originator_id) is UUID else UUID(
            str(originator_id))
        d["originator_version"] = version
        event = object.__new__(cls)
        object.__setattr__(event, "__dict__", d)
        return event

    def _walk(self, value: Any) -> Any:
        if type(value) is list:
            for index, item in enumerate(value):
                kind = type(item)
                if kind is dict or kind is list:
                    value[index] = self._walk(item)
            return value
        for key, item in value.items():
            kind = type(item)
            if kind is dict or kind is list:
                value[key] = self._walk(item)
        if len(value) == 2 and "_type_" in value and "_data_" in value:
            assert self.names is not None
            return self.names[value["_type_"]].decode(value["_data_"])
        return value

    def _library(self, originator_id: UUID | str, version: int, topic: str,
                 state: bytes | memoryview) -> CS.Event:
        event = self.mapper.to_domain_event(
            StoredEvent(originator_id, version, topic, bytes(state))
        )
        assert isinstance(event, CS.Event), f"unexpected event {type(event).__name__}"
        return event


def _direct_decoders(names: dict[str, Any]) -> dict[str, Callable[[str], Any]]:
    """Direct decoders for dates, datetimes and enums stored by name, used only where the
    registered transcoding is seen to agree on the values it encodes."""
    direct: dict[str, Callable[[str], Any]] = {}
    for name, transcoding in names.items():
        kind = getattr(transcoding, "type", None)
        samples: list[Any] = []
        function: Callable[[str], Any] | None = None
        if isinstance(kind, EnumMeta):
            samples, function = list(kind), kind._member_map_.__getitem__
        elif kind is datetime:
            samples = [datetime(2020, 1, 2, 3, 4, 5, 6, tzinfo=UTC), datetime(1999, 12, 31)]
            function = datetime.fromisoformat
        elif kind is date:
            samples, function = [date(2020, 1, 2), date(1, 1, 1)], date.fromisoformat
        try:
            agrees = function is not None and all(
                isinstance(transcoding.encode(v), str)
                and function(transcoding.encode(v)) == transcoding.decode(transcoding.encode(v))
                and type(function(transcoding.encode(v))) is type(v)
                for v in samples
            )
        except Exception:
            agrees = False
        if agrees and function is not None:
            direct[name] = function
    return direct


@cache
def _event_class(topic: str) -> type[CS.Event] | None:
    """The class of a topic when the fast path may build it (ours, unversioned)."""
    try:
        cls = resolve_topic(topic)
    except Exception:
        return None
    if not (isinstance(cls, type) and issubclass(cls, CS.Event)):
        return None
    if getattr(cls, "class_version", 1) != 1 or _id_type(cls) is not UUID:
        return None
    return cls


def _id_type(cls: type[CS.Event]) -> Callable[..., Any] | None:
    found: Callable[..., Any] | None = getattr(cls, "originator_id_type", None)
    return found
