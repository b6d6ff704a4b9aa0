"""The catalogue of error and warning codes (service/error_catalogue.py, ErrorCode/WarningCode in
the schema) lists exactly the codes the source can hand a client."""

from __future__ import annotations

import textwrap
from functools import cache
from pathlib import Path

from service.error_catalogue import ERROR_CODES, WARNING_CODES
from service.graphql.schema import build_schema
from service.settings import Settings
from tests.error_code_scan import CODE_PATTERN, Found, scan

ROOT = Path(__file__).parents[2]
PACKAGES = ("domain", "projections", "service")
CATALOGUE = "service/error_catalogue.py"
# Code positions the scan cannot read, each passing on codes that were raised (and scanned)
# elsewhere: (file, expression) -> why.
RELAYS = {
    ("service/acknowledgement.py", "code"): "a replayed request returns the warnings stored with "
    "the first result, which were raised by the domain rules",
}


@cache  # the source does not change during a run
def _found() -> Found:
    return scan(ROOT, PACKAGES)


def _missing_message(kind: str, table: str, missing: dict[str, list[str]]) -> str:
    rows = "\n".join(
        f'    "{code}": "<what it means, in plain words>",  # raised at {", ".join(sorted(places)[:3])}'
        for code, places in sorted(missing.items())
    )
    return f"{len(missing)} {kind} code(s) can be raised but are not in {table} of {CATALOGUE}; add:\n{rows}"


def test_every_error_code_the_source_can_raise_is_in_the_catalogue() -> None:
    raised = _found().of("error")
    missing = {code: places for code, places in raised.items() if code not in ERROR_CODES}
    assert not missing, _missing_message("error", "ERROR_CODES", missing)


def test_every_warning_code_the_source_can_return_is_in_the_catalogue() -> None:
    raised = _found().of("warning")
    missing = {code: places for code, places in raised.items() if code not in WARNING_CODES}
    assert not missing, _missing_message("warning", "WARNING_CODES", missing)


def test_the_catalogue_lists_no_code_that_nothing_raises() -> None:
    found = _found()
    stale = sorted(set(ERROR_CODES) - set(found.of("error")))
    stale += sorted(set(WARNING_CODES) - set(found.of("warning")))
    assert not stale, (
        f"Nothing in {', '.join(PACKAGES)} raises {', '.join(stale)}; remove them from {CATALOGUE} "
        "(or, if a new way of raising them is not recognised, teach tests/error_code_scan.py)."
    )


def test_every_code_position_in_the_source_is_readable_by_the_scan() -> None:
    unreadable = [
        place
        for place in _found().unresolved
        if (place.split(":")[0], place.split(": ", 1)[1]) not in RELAYS
    ]
    assert not unreadable, (
        "These codes are computed in a way the catalogue test cannot follow; pass a literal code "
        "(or a name bound to one), or list the place in RELAYS with the reason:\n  "
        + "\n  ".join(unreadable)
    )


def test_the_catalogue_is_one_sorted_row_per_code_in_plain_words() -> None:
    for table in (ERROR_CODES, WARNING_CODES):
        assert list(table) == sorted(table), "keep the rows in alphabetical order"
        for code, text in table.items():
            assert CODE_PATTERN.match(code), code
            assert text[:1].isupper() and text.endswith((".", ")")), code
            # A client sees these; they cannot open the source or the project's notes.
            assert ".py" not in text and ".md" not in text and "§" not in text, code


def test_the_schema_documents_every_catalogued_code_as_an_enum_value() -> None:
    schema = build_schema(Settings())._schema
    for enum_name, table in (("ErrorCode", ERROR_CODES), ("WarningCode", WARNING_CODES)):
        enum = schema.get_type(enum_name)
        assert enum is not None and enum.description
        values = enum.values  # type: ignore[union-attr]
        assert {name: value.description for name, value in values.items()} == table


# --- the scan itself: each shape a code can take is found, and an unreadable one reported -----


def test_the_scan_follows_every_shape_a_code_can_take(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "shapes.py").write_text(
        textwrap.dedent("""
        LIMITS = (("too deep", "LIMIT_FROM_TABLE"),)
        HTTP = {"Not Found": "FROM_DICT_VALUE"}

        class DomainError(Exception):
            def __init__(self, code, message, field=None): ...

        class Refused(DomainError):
            def __init__(self, message):
                super().__init__("FROM_SUBCLASS", message)

        class Permission:
            error_extensions = {"code": "FROM_EXTENSIONS"}

        def _fail(code, message):
            return DomainError(code, message)

        def body(code, message):
            return {"code": code, "message": message}

        def reject(send, status, code, message):
            return body(code, message)

        def classify(text):
            for fragment, code in LIMITS:
                if fragment in text:
                    return code
            return "FROM_RETURN" if text else original.code

        def raising(reason):
            raise DomainError("FROM_LITERAL", "m")
            raise _fail("FROM_WRAPPER", "m")
            reject(None, 503, "FROM_TWO_WRAPPERS", "m")
            code = HTTP.get(reason, "FROM_DEFAULT")
            body(code, reason)
            extensions = {"code": classify(reason)}
            raise DomainError(code=f"UNREADABLE_{reason}", message="m")
            warn = [Warning("A_WARNING", "m")]
            status = {"code": 500}
    """)
    )
    found = scan(tmp_path, ["pkg"])
    assert set(found.of("error")) == {
        "LIMIT_FROM_TABLE",
        "FROM_DICT_VALUE",
        "FROM_SUBCLASS",
        "FROM_EXTENSIONS",
        "FROM_RETURN",
        "FROM_LITERAL",
        "FROM_WRAPPER",
        "FROM_TWO_WRAPPERS",
        "FROM_DEFAULT",
    }
    assert set(found.of("warning")) == {"A_WARNING"}
    assert [place.split(": ", 1)[1] for place in found.unresolved] == ["f'UNREADABLE_{reason}'"]


def test_the_scan_follows_codes_named_by_constants_of_another_module(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "errors.py").write_text(
        textwrap.dedent("""
        EMPTY = "STANDARD_WITHOUT_COMPETENCIES"
        OVERLAP = "STANDARD_OVERLAPS_EXISTING"

        class CompetenceError(DomainError):
            def __init__(self, code, message, field=None):
                super().__init__(code, message, field)
    """)
    )
    (package / "standards.py").write_text(
        textwrap.dedent("""
        from pkg import errors
        from pkg.errors import OVERLAP, CompetenceError

        def check(standard):
            raise CompetenceError(errors.EMPTY, "m")
            raise CompetenceError(OVERLAP, "m")
    """)
    )
    found = scan(tmp_path, ["pkg"])
    assert found.of("error") == {
        "STANDARD_WITHOUT_COMPETENCIES": ["pkg/errors.py:2"],
        "STANDARD_OVERLAPS_EXISTING": ["pkg/errors.py:3"],
    }
    assert found.unresolved == []


def test_a_method_named_like_a_raiser_is_not_taken_for_it(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "names.py").write_text(
        textwrap.dedent("""
        def _fail(code, message):
            return DomainError(code, message)

        class Runner:
            def _fail(self, target, poison): ...

            def run(self, target):
                self._fail(target, None)
    """)
    )
    found = scan(tmp_path, ["pkg"])
    assert found.unresolved == [] and found.of("error") == {}
