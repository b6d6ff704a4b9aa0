"""The one JSON codec: nothing in service/ or projections/ reads or writes JSON around it, and
its canonical form, the one every stored hash was computed over, keeps its exact bytes."""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from uuid import UUID

import orjson
import pytest
from cross_web import HTTPException

from projections import json_codec
from service.acknowledgement import request_hash
from service.audit.checkpoint import Checkpoint
from service.audit.package import hash_from_payload_digest
from service.json_body import MAX_JSON_DEPTH, TOO_DEEP, decode_bounded
from service.store.chain import event_hash

ROOT = Path(__file__).resolve().parents[2]
CODEC = ROOT / "projections" / "json_codec.py"

# Names, Decimals, dates, a datetime, floats, an emoji, control characters and keys nested
# out of order: what a command payload can carry into a request hash.
FIXTURE = {
    "nama": "Ṣiti Nur'aini Müller-Đặng",
    "unit": {"nama": "Dinas Pendidikan — Kabupaten Bandung", "kode": "D-01", "anak": [
        {"z": 1, "a": "ä", "m": {"y": None, "b": True}}]},
    "gaji": Decimal("4250000.50"), "angka_kredit": Decimal("12.500"), "nilai": Decimal("1E+2"),
    "tmt": date(2024, 4, 1), "dicatat": datetime(2024, 4, 1, 8, 30, 0, 123456, tzinfo=UTC),
    "bobot": 0.1, "pecahan": [1.5, 1e16, 1e-7, 3.0], "jumlah": 7, "aktif": False,
    "emoji": "\U0001F600", "kontrol": "tab\there\nline\u007f",
}
# What the encoder before the codec wrote for ["recordAppointment", FIXTURE] (commit 4e11cbf,
# ``service/acknowledgement.py``), byte for byte.
GOLDEN = (
    b'["recordAppointment",{"aktif":false,"angka_kredit":"12.500","bobot":0.1,'
    b'"dicatat":"2024-04-01 08:30:00.123456+00:00","emoji":"\\ud83d\\ude00",'
    b'"gaji":"4250000.50","jumlah":7,"kontrol":"tab\\there\\nline\\u007f",'
    b'"nama":"\\u1e62iti Nur\'aini M\\u00fcller-\\u0110\\u1eb7ng","nilai":"1E+2",'
    b'"pecahan":[1.5,1e+16,1e-07,3.0],"tmt":"2024-04-01",'
    b'"unit":{"anak":[{"a":"\\u00e4","m":{"b":true,"y":null},"z":1}],"kode":"D-01",'
    b'"nama":"Dinas Pendidikan \\u2014 Kabupaten Bandung"}}]'
)
STREAM = UUID("12345678-1234-5678-1234-567812345678")


def _json_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                 else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level
                 else [])
        found += [f"{path.relative_to(ROOT)}:{node.lineno} imports {name}" for name in names
                  if name.split(".")[0] in {"json", "orjson"}]
    return found


def test_no_module_in_service_or_projections_imports_json_but_the_codec() -> None:
    modules = [p for folder in ("service", "projections") for p in (ROOT / folder).rglob("*.py")]
    assert len(modules) > 100
    assert [f for p in modules if p != CODEC for f in _json_imports(p)] == []
    assert _json_imports(CODEC)  # the scan does see an import


def test_canonical_bytes_are_those_every_stored_hash_was_computed_over() -> None:
    assert json_codec.canonical_bytes(["recordAppointment", FIXTURE]) == GOLDEN


def test_hashes_over_the_canonical_form_are_those_of_the_encoder_before_the_codec() -> None:
    # Computed with the code of commit 4e11cbf on the same inputs.
    assert request_hash("recordAppointment", FIXTURE) == (
        "4561390d761ac471b806f3c3a0075d80436d429fa1e4fe3e2bd903bfc896c00d")
    assert event_hash(42, STREAM, 3, "domain.servant:CivilServant.Appointed", b'{"a":1}') == (
        "4e4c01901c0d83047e19844f2fbf05da563c1ba6ba0754eb341671cbfcbcda75")
    checkpoint = Checkpoint(17, "ab" * 32, 42, "cd" * 32 + "@42", "2024-04-01T08:30:00+00:00")
    assert checkpoint.digest == (
        "eb5695bf0cfdfbec4db3afe98e80d4250e64487bc54b9ccf2b57db658b423746")
    assert hash_from_payload_digest(42, str(STREAM), 3, "t", "ef" * 32) == (
        "8fe2220a3b39455130c51ccf715b72cd2e1c6d092958e5aecfe378cf90247b81")


def test_orjson_with_sorted_keys_would_change_the_canonical_bytes() -> None:
    # Why canonical_bytes keeps the standard library's encoder: each of these differs.
    for value in ("Müller", "\U0001F600", "\u007f", datetime(2024, 4, 1, tzinfo=UTC), 1e-7):
        assert orjson.dumps([value], option=orjson.OPT_SORT_KEYS, default=str) != (
            json_codec.canonical_bytes([value])), value


def test_the_fast_form_round_trips_and_is_compact_utf8() -> None:
    value = {"b": [1, "Đặng"], "a": date(2024, 4, 1)}
    assert json_codec.dumps(value) == '{"b":[1,"Đặng"],"a":"2024-04-01"}'.encode()
    assert json_codec.readable_text(value) == '{"a": "2024-04-01", "b": [1, "Đặng"]}'
    assert json_codec.pretty_text({"a": [1]}) == '{\n  "a": [\n    1\n  ]\n}'
    assert json_codec.dumps_text({"d": Decimal("1.50")}, default=str) == '{"d":"1.50"}'
    assert json_codec.loads(json_codec.dumps({"x": [None, True, 1.5]})) == {"x": [None, True, 1.5]}
    with pytest.raises(json_codec.JSONDecodeError):
        json_codec.loads("[NaN]")


@pytest.mark.parametrize("levels", [MAX_JSON_DEPTH + 1, 1000, 2000, 100_000])
def test_a_body_nesting_too_deep_is_refused_as_too_deep(levels: int) -> None:
    for body in ("[" * levels + "]" * levels, '{"q": "[{", "v": ' + "[" * levels + "]" * levels + "}"):
        with pytest.raises(HTTPException) as refused:
            decode_bounded(body)
        assert (refused.value.status_code, refused.value.reason) == (400, TOO_DEEP)


def test_an_invalid_shallow_body_stays_invalid_json() -> None:
    for body in ('{"q": "[[[[", ', "[" * 5 + "x"):
        with pytest.raises(ValueError):
            decode_bounded(body)
    assert decode_bounded("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH) is not None


def test_a_body_with_a_lone_surrogate_decodes_for_the_input_policy_to_refuse() -> None:
    # orjson refuses it as invalid JSON; the input policy gives it a clear code instead.
    assert decode_bounded('{"name": "a\\ud800b", "n": NaN}')["name"] == "a\ud800b"
    with pytest.raises(json_codec.JSONDecodeError):
        json_codec.loads('"a\\ud800b"')
