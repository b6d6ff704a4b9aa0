from pathlib import Path

from service.graphql.schema import sdl

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


def test_schema_file_matches_the_code() -> None:
    assert SCHEMA_FILE.read_text() == sdl(), (
        "schema.graphql drifted from the code; regenerate it with: riwayat schema > schema.graphql"
    )
