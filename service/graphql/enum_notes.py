"""Plain-words descriptions of the domain's enum values, for clients reading the schema.

The domain's enums are marked as GraphQL enums in place (``event_types.ENUMS``); their values
are described here, beside the API, so the domain stays free of presentation text. Values a
rule can describe (a rank's golongan and pangkat, a penalty's regulation and weight) are
described from the value itself; the others from the table below."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

_TABLE: dict[str, dict[str, str]] = {
    "LegalStatus": {
        "ACTIVE": "Active (aktif): the servant serves normally.",
        "CLTN": "Cuti di luar tanggungan negara: unpaid leave outside the state's budget.",
        "TUGAS_BELAJAR": "Tugas belajar: study assignment; it does not stop a promotion.",
        "TEMPORARY_SUSPENSION": "Pemberhentian sementara: temporarily suspended from service.",
        "UNDER_DISCIPLINARY_PENALTY": "Serving a discipline penalty.",
        "PRE_RETIREMENT": "Masa persiapan pensiun: the period before retirement.",
    },
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
    "PromotionType": {
        "REGULER": "Regular promotion after the minimum years in rank.",
        "PILIHAN_STRUKTURAL": "Promotion by choice for holders of a structural position.",
        "PILIHAN_FUNGSIONAL": "Promotion by choice for holders of a functional position, by credit.",
        "PENYESUAIAN_IJAZAH": "Adjustment to a higher diploma obtained in service.",
        "TUGAS_BELAJAR": "Promotion while on study leave (tugas belajar).",
        "SETELAH_TUGAS_BELAJAR": "Promotion after returning from study leave.",
        "DIPEKERJAKAN": "Promotion while seconded to another agency.",
        "PENEMUAN_BARU": "Promotion for an invention of benefit to the state.",
        "PRESTASI_LUAR_BIASA": "Promotion for exceptional achievement.",
        "PEJABAT_NEGARA": "Promotion while serving as a state official.",
        "DPK_DPB": "Promotion while employed or placed outside the home agency (DPK/DPB).",
        "INITIAL": "The rank given at appointment.",
        "ANUMERTA": "Posthumous promotion.",
        "PENGABDIAN": "Promotion for long service before retirement.",
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
    "Gender": {"MALE": "Male.", "FEMALE": "Female."},
    "ServantStatus": {
        "CPNS": "Candidate civil servant in the probation period.",
        "PNS": "Civil servant.",
        "RETIRED": "Retired; no further career events except annulments and corrections.",
        "TERMINATED": "Dismissed or otherwise ended; no further career events.",
    },
    "Source": {
        "MANUAL": "Entered by HR staff.",
        "SIASN_SYNC": "Copied from the national civil service system (SIASN).",
        "EKINERJA": "Copied from the performance system (e-Kinerja).",
        "MYASN_VERIFIED": "Submitted by the servant through MyASN and verified by HR.",
    },
    "TerminationReason": {
        "BUP": "Reached the retirement age.",
        "ATAS_PERMINTAAN_SENDIRI": "At the servant's own request.",
        "TIDAK_CAKAP_JASMANI_ROHANI": "Physically or mentally unfit for duty.",
        "PERAMPINGAN_ORGANISASI": "Organisational downsizing.",
        "MENINGGAL_DUNIA": "Death.",
        "HUKUMAN_DISIPLIN": "A disciplinary penalty of dismissal.",
        "TINDAK_PIDANA": "A criminal conviction.",
        "TINDAK_PIDANA_JABATAN": "A criminal conviction for an offence in office.",
        "MENINGGALKAN_TUGAS": "Absence from duty without leave.",
    },
    "DisciplineLevel": {
        "RINGAN": "Light penalty.", "SEDANG": "Medium penalty.", "BERAT": "Heavy penalty.",
    },
    "InvestigationOutcome": {
        "PENALTY_IMPOSED": "The examination found a violation and a penalty was imposed.",
        "CLEARED": "The examination found no violation to penalise.",
    },
    "Regulation": {
        "PP_53_2010": "Government Regulation 53 of 2010 on discipline (before 31 August 2021).",
        "PP_94_2021": "Government Regulation 94 of 2021 on discipline (from 31 August 2021).",
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
    """The description of one value: the table's words, else the rule for its enum."""
    noted = _TABLE.get(enum_name, {}).get(member.name)
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
    "LegalStatus": "A servant's legal status (kedudukan hukum) in the service.",
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
    "PromotionType": "The kind of a rank promotion (jenis kenaikan pangkat).",
    "Rank": "A civil servant's rank: golongan I/a to IV/e, each with its pangkat title.",
    "EducationLevel": "The level of a diploma (ijazah).",
    "Gender": "Gender as recorded on the appointment.",
    "ServantStatus": "Where a servant stands in their career.",
    "Source": "Where a record comes from.",
    "TerminationReason": "Why a servant's service ended.",
    "DisciplineLevel": "The weight of a disciplinary penalty.",
    "Regulation": "The discipline regulation a penalty is imposed under.",
    "InvestigationOutcome": "How a disciplinary examination ended.",
    "PenaltyType": "A disciplinary penalty, with the regulation and weight it belongs to.",
    "PerformanceAxis": "The performance axis of the nine-box talent map, from the appraisals.",
    "PotentialAxis": "The potential axis of the nine-box talent map, from the potential "
    "assessment.",
}
