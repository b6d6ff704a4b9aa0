"""Plain-words descriptions of the domain's enums and their values, for clients reading the
schema.

The domain's enums are marked as GraphQL enums in place (``event_types.ENUMS``). An enum says
what it and its values mean beside itself (``domain.notes.noted``), so a new kind's enum needs
no line here; values a rule can describe (a rank's golongan and pangkat, a penalty's
regulation and weight) are described from the value itself. The table below holds the words
of the enums not yet noted in the domain."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from domain.notes import notes_of
from service.store.transcodings import DOMAIN_ENUMS

_TABLE: dict[str, dict[str, str]] = {
    "Predikat": {
        "SANGAT_BAIK": "Sangat Baik: performance well above expectations.",
        "BAIK": "Baik: performance as expected.",
        "BUTUH_PERBAIKAN": "Butuh Perbaikan: performance needs improvement.",
        "KURANG": "Kurang: performance below expectations.",
        "SANGAT_KURANG": "Sangat Kurang: performance far below expectations.",
    },
    "Rating": {
        "ABOVE_EXPECTATION": "Above expectation (di atas ekspektasi).",
        "AS_EXPECTED": "As expected (sesuai ekspektasi).",
        "BELOW_EXPECTATION": "Below expectation (di bawah ekspektasi).",
    },
    "AssessmentMethod": {
        "ASSESSMENT_CENTRE": "An assessment centre with several tools and assessors.",
        "UJI_KOMPETENSI": "A competency test (uji kompetensi).",
        "OTHER": "Any other recognised assessment method.",
    },
    "AssignmentKind": {
        "DEFINITIF": "The servant holds the position in their own right.",
        "TUGAS_TAMBAHAN": "An additional duty beside the position held.",
        "PLT": "Pelaksana tugas: acting holder while the post is vacant.",
        "PLH": "Pelaksana harian: stand-in while the holder is temporarily away.",
        "PJ": "Penjabat: appointed acting head of a region or agency.",
    },
    "FunctionalLevel": {
        "AHLI_PERTAMA": "Expert track, first level (Ahli Pertama).",
        "AHLI_MUDA": "Expert track, junior level (Ahli Muda).",
        "AHLI_MADYA": "Expert track, middle level (Ahli Madya).",
        "AHLI_UTAMA": "Expert track, top level (Ahli Utama).",
        "PEMULA": "Skill track, beginner level (Pemula).",
        "TERAMPIL": "Skill track, skilled level (Terampil).",
        "MAHIR": "Skill track, proficient level (Mahir).",
        "PENYELIA": "Skill track, supervising level (Penyelia).",
    },
    "MutationKind": {
        "MUTASI_JABATAN": "A move to another position.",
        "MUTASI_UNIT": "A move to another unit in the same position.",
    },
    "PositionKind": {
        "STRUKTURAL": "A structural (leadership) position.",
        "FUNGSIONAL": "A functional position (jabatan fungsional) with credit points.",
        "RANGKAP": "A structural and a functional position held together.",
        "PELAKSANA": "An executive (general) position.",
    },
    "PositionLevel": {
        "JPT_UTAMA": "Top senior leadership (Jabatan Pimpinan Tinggi Utama).",
        "JPT_MADYA": "Senior leadership, middle (Jabatan Pimpinan Tinggi Madya, eselon I).",
        "JPT_PRATAMA": "Senior leadership, first (Jabatan Pimpinan Tinggi Pratama, eselon II).",
        "ADMINISTRATOR": "Administrator (eselon III).",
        "PENGAWAS": "Supervisor (eselon IV).",
        "FUNGSIONAL": "A functional position.",
        "PELAKSANA": "An executive (general) position.",
    },
    "LeadershipProgram": {
        "LATSAR_CPNS": "Basic training for candidate civil servants (Latihan Dasar CPNS).",
        "PKP": "Leadership training for supervisors (Pelatihan Kepemimpinan Pengawas).",
        "PKA": "Leadership training for administrators (Pelatihan Kepemimpinan Administrator).",
        "PKN_II": "National leadership training, level II (Pelatihan Kepemimpinan Nasional II).",
        "PKN_I": "National leadership training, level I (Pelatihan Kepemimpinan Nasional I).",
        "DIKLATPIM_IV": "Former leadership training, level IV (now PKP).",
        "DIKLATPIM_III": "Former leadership training, level III (now PKA).",
        "DIKLATPIM_II": "Former leadership training, level II (now PKN II).",
        "DIKLATPIM_I": "Former leadership training, level I (now PKN I).",
    },
    "PerformanceAxis": {
        "ABOVE": "Performance above expectations.", "MEETS": "Performance as expected.",
        "BELOW": "Performance below expectations.",
    },
    "PotentialAxis": {
        "HIGH": "High potential.", "MEDIUM": "Medium potential.", "LOW": "Low potential.",
    },
}


def _words(member: Enum) -> str:
    return member.name.replace("_", " ").title()


def _rank(member: Any) -> str:
    return f"Golongan {member.golongan}, pangkat {member.pangkat}."


def _education(member: Any) -> str:
    return f"Diploma level {member.label}."


_WEIGHT = {"RINGAN": "light", "SEDANG": "medium", "BERAT": "heavy"}


def _penalty(member: Any) -> str:
    name = member.name.removesuffix("_PP53").replace("_", " ").lower()
    weight = _WEIGHT[member.level.name]
    return f"{name.capitalize()}: a {weight} penalty under PP {member.regulation.value}."


def _training(member: Enum) -> str:
    return f"{_words(member)}: a kind of training or development activity."


_RULES: dict[str, Callable[[Any], str]] = {
    "Rank": _rank, "EducationLevel": _education, "PenaltyType": _penalty,
    "TrainingKind": _training,
}


def value_note(enum_name: str, member: Enum) -> str:
    """The description of one value: the enum's own notes or the table's words, else the
    rule for its enum."""
    own = notes_of(type(member))
    noted = (own.values if own is not None else _TABLE.get(enum_name, {})).get(member.name)
    if noted is not None:
        return noted
    rule = _RULES.get(enum_name)
    return rule(member) if rule is not None else f"{_words(member)}."


def describe_values(enum: type[Enum], notes: dict[str, str] | None = None) -> None:
    """Give each value of a strawberry-marked enum its description (before the schema is
    built, which copies them into the GraphQL enum): from ``notes``, else as above. The values
    stay the plain values Python code compares with."""
    definition = enum.__strawberry_definition__  # type: ignore[attr-defined]
    by_name = {member.name: member for member in enum}
    for value in definition.values:
        note = (notes or {}).get(value.name) or value_note(enum.__name__, by_name[value.name])
        value.description = value.description or note


ENUM_TYPE_NOTES: dict[str, str] = {
    **{enum.__name__: notes.about for enum in DOMAIN_ENUMS if (notes := notes_of(enum))},
    "Predikat": "The overall rating of an annual performance appraisal (SKP).",
    "Rating": "A rating of work results or work behaviour in an annual appraisal.",
    "AssessmentMethod": "How a competency assessment was made.",
    "LeadershipProgram": "The leadership and basic training programmes the promotion rules know.",
    "TrainingKind": "The kind of a training or development activity.",
    "AssignmentKind": "How a position is held: in one's own right or as a stand-in.",
    "FunctionalLevel": "A level of a functional position's track (jenjang).",
    "MutationKind": "What a move between positions changes.",
    "PositionKind": "The kind of a position (jenis jabatan).",
    "PositionLevel": "The level of a position (structural levels, functional or executive).",
    "PerformanceAxis": "The performance axis of the nine-box talent map, from the appraisals.",
    "PotentialAxis": "The potential axis of the nine-box talent map, from the potential "
    "assessment.",
}
