"""The nominative list of a unit (daftar nominatif) and one servant's riwayat."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from domain.errors import ServantNotFoundError
from domain.ranks import Rank
from service.exports.columns import BIRTH_DATE, NAME, NIP, ORDER, STANDING
from service.exports.duk import birth_date_of
from service.exports.report import Column, Report
from service.exports.source import ExportSource

NOMINATIVE_COLUMNS = (
    ORDER, NIP, NAME, BIRTH_DATE,
    Column("gender", "Jenis kelamin", "Gender", personal=True, width=10),
    *STANDING,
    Column("unit", "Unit kerja", "Unit", width=24),
    Column("institution", "Instansi", "Agency", width=24),
    Column("status", "Status", "Status", width=10),
    Column("education", "Pendidikan terakhir", "Highest education", width=11),
    Column("cpns_tmt", "TMT CPNS", "CPNS TMT", width=12),
    Column("pns_tmt", "TMT PNS", "PNS TMT", width=12),
)

RIWAYAT_COLUMNS = (
    Column("section", "Riwayat", "Section", width=12),
    Column("sequence", "Urutan", "Sequence", width=7),
    Column("tmt", "TMT", "TMT", width=12),
    Column("until_tmt", "Sampai", "Until", width=12),
    Column("title", "Uraian", "Entry", width=36),
    Column("details", "Rincian", "Details", width=40),
    Column("sk_number", "Nomor SK", "SK number", width=22),
    Column("sk_date", "Tanggal SK", "SK date", width=12),
    Column("sk_official", "Pejabat penetap", "SK official", width=20),
    Column("recorded_by", "Dicatat oleh", "Recorded by", width=16),
    Column("recorded_role", "Peran", "Role", width=8),
    Column("recorded_at", "Dicatat pada", "Recorded at", width=20),
    Column("event_ids", "Peristiwa", "Events", width=24),
    Column("corrected", "Dikoreksi", "Corrected", width=9),
    Column("retracted", "Dibatalkan", "Retracted", width=9),
    Column("corrections", "Koreksi", "Corrections", width=40),
    Column("original", "Nilai asal", "Original values", width=30),
)


def _gender(nip: str) -> str:
    return {"1": "L", "2": "P"}.get(nip[14], "")


def nominative(source: ExportSource, unit_id: str, as_of: date | None = None) -> Report:
    """The unit's servants by rank (highest first), then NIP."""
    servants = sorted(source.unit_servants(unit_id),
                      key=lambda s: (-Rank[s["rank"]].ordinal, s["nip"]))
    day = as_of or source.today

    def rows() -> Iterator[list[Any]]:
        for number, s in enumerate(servants, start=1):
            rank = Rank[s["rank"]]
            yield [
                number, s["nip"], s["name"], birth_date_of(s["nip"]), _gender(s["nip"]),
                rank.golongan, rank.pangkat, s["rank_tmt"], s["position_name"],
                s["position_level"], s["unit_name"], s["institution_name"], s["status"],
                s["highest_education"], s["cpns_tmt"], s["pns_tmt"],
            ]

    return Report("nominative", f"Daftar nominatif {unit_id} per {day.isoformat()}",
                  NOMINATIVE_COLUMNS, rows(), len(servants))


def riwayat(source: ExportSource, nip: str) -> Report:
    """Every row of the servant's career history, section by section, with its provenance and
    its corrections."""
    source.authorize_servant(nip)
    history = source.read_models.career_history(nip)
    if history is None:
        raise ServantNotFoundError(nip)

    def rows() -> Iterator[list[Any]]:
        for e in history.entries:
            corrections = [
                {k: c.get(k) for k in ("reason", "recorded_by", "recorded_at", "changes")
                 if k in c} for c in e.corrections
            ]
            yield [
                e.section, e.seq, e.tmt, e.until_tmt, e.title, e.details, e.sk_number,
                e.sk_date, e.sk_official, e.recorded_by_id, e.recorded_by_role, e.recorded_at,
                e.event_ids, e.corrected, e.retracted, corrections or None, e.original,
            ]

    name = history.summary["name"]
    return Report("riwayat", f"Riwayat {nip} {name}", RIWAYAT_COLUMNS, rows(),
                  len(history.entries))
