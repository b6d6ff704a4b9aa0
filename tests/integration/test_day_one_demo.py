"""Day one at an agency, as the README's walk-through does it, on both stores: a sample SIASN
export written by ``riwayat sample-siasn``, brought in by ``riwayat import``, and one unit's
DUK taken out as XLSX both by ``riwayat report duk`` and from ``/downloads/duk``. Each file
opens in a spreadsheet reader (openpyxl) and lists the unit's imported servants, as the
servant directory has them, in DUK order: higher rank first, then the earlier rank TMT."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]  # no stubs are published

from domain.ranks import Rank
from service.settings import Settings
from tests.e2e.pages_site import PagesServer
from tests.integration.cli_run import cli_env, run_piped

SERVANTS = 30
DIRECTORY = """{ servants(first: 100) { edges { node { nip unitId golongan rankTmt } } } }"""
_LADDER = {rank.golongan: rank.ordinal for rank in Rank}


def sheet_rows(path: Path) -> tuple[str, list[dict[str, Any]]]:
    """The title and the data rows of a report workbook, by header."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    title, header, data = rows[0][0], rows[1], rows[2:]
    return str(title), [dict(zip(header, row, strict=True)) for row in data]


def test_a_sample_export_imported_gives_the_units_duk_as_xlsx(
        settings: Settings, tmp_path: Path) -> None:
    env = cli_env(settings.database_url, RIWAYAT_IMPORT_RUNS_DIR=str(settings.import_runs_dir))
    written = run_piped(["sample-siasn", "--servants", str(SERVANTS), "--out", "siasn"], env,
                        tmp_path)
    assert written.returncode == 0, written.stderr
    imported = run_piped(["import", "siasn"], env, tmp_path)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    counts = json.loads(imported.stdout)["counts"]
    assert counts["REFUSED"] == 0 and counts["IMPORTED"] > SERVANTS
    exported = json.loads((tmp_path / "siasn" / "data-utama.json").read_text("utf-8"))
    nips = {record["nipBaru"] for record in exported}

    with PagesServer(settings) as server:
        models = server.services.read_models
        models.wait_for(server.log_head(), models.view_names, 60)
        found = [e["node"] for e in server.gql(DIRECTORY, role="auditor")["data"]["servants"]["edges"]]
        assert {s["nip"] for s in found} == nips and len(nips) == SERVANTS
        unit, size = Counter(s["unitId"] for s in found).most_common(1)[0]
        assert size >= 2
        members = {s["nip"]: s for s in found if s["unitId"] == unit}

        cli = run_piped(["report", "duk", "--unit", unit, "--format", "xlsx", "--out",
                         "duk-cli.xlsx"], env, tmp_path)
        assert cli.returncode == 0 and f"wrote {size} rows" in cli.stdout, cli.stderr
        token = server.token("hr", (unit,))
        answer = server.client.get("/downloads/duk", params={"unit": unit, "format": "xlsx"},
                                   headers={"authorization": f"Bearer {token}"})
        assert answer.status_code == 200, answer.text
        (tmp_path / "duk-web.xlsx").write_bytes(answer.content)

    listed = []
    for name in ("duk-cli.xlsx", "duk-web.xlsx"):
        title, rows = sheet_rows(tmp_path / name)
        assert title.startswith(f"DUK {unit} per ")
        assert [row["No. urut"] for row in rows] == list(range(1, size + 1))
        assert {row["NIP"] for row in rows} == set(members)
        for row in rows:  # the imported rank and its TMT, as the directory has them
            servant = members[row["NIP"]]
            assert (row["Gol/ruang"], row["TMT golongan"]) == (servant["golongan"],
                                                             servant["rankTmt"])
        seniority = [(-_LADDER[row["Gol/ruang"]], row["TMT golongan"]) for row in rows]
        assert seniority == sorted(seniority), seniority
        listed.append([row["NIP"] for row in rows])
    assert listed[0] == listed[1]
