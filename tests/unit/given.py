"""Given-steps for the domain's unit tests: a servant built by its own commands (no store),
with payloads that pass every rule unless a test changes one field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest

from domain.discipline import DisciplineLevel, PenaltyType, Regulation
from domain.envelope import Actor, Envelope
from domain.errors import DomainError, Warning
from domain.servant import CivilServant
from domain.state import ServantState, effective_events, fold
from domain.values import (
    AssessmentMethod,
    AssignmentKind,
    EducationLevel,
    Gender,
    PositionKind,
    PositionLevel,
    Predikat,
    PromotionType,
    Rank,
    Rating,
    TerminationReason,
    TrainingKind,
)

NIP = "199001012015031001"
CPNS_TMT = date(2015, 3, 1)
PNS_TMT = date(2016, 3, 1)
RECORDED = datetime(2026, 1, 5, tzinfo=UTC)


def envelope(tmt: date, *, sk_date: date | None = None, recorded: datetime = RECORDED,
             sk_number: str = "SK/1", sk_official: str = "Kepala BKN") -> Envelope:
    return Envelope(tmt, sk_number, sk_date or min(tmt, recorded.date()), sk_official,
                    Actor("hr-1", "hr"), recorded)


def appointment(**changes: Any) -> dict[str, Any]:
    return {
        "nip": NIP, "name": "Budi", "birth_date": date(1990, 1, 1), "birth_place": "Bandung",
        "gender": Gender.MALE, "education_level": EducationLevel.S1, "initial_rank": Rank.III_A,
        "position_name": "Analis", "formation_year": 2014, "institution_id": "A",
        "institution_name": "Instansi A", "unit_id": "U", "unit_name": "Unit U", **changes,
    }


def a_cpns(education: EducationLevel = EducationLevel.S1, rank: Rank = Rank.III_A) -> CivilServant:
    servant, _ = CivilServant.appoint_cpns(
        envelope(CPNS_TMT), **appointment(education_level=education, initial_rank=rank)
    )
    return servant


def a_pns(education: EducationLevel = EducationLevel.S1, rank: Rank = Rank.III_A) -> CivilServant:
    servant = a_cpns(education, rank)
    servant.appoint_pns(envelope(PNS_TMT), sttpl_number="STTPL/1", spmt_number=None)
    return servant


def promotion(rank: Rank, kind: PromotionType = PromotionType.REGULER, **changes: Any) -> dict[str, Any]:
    return {"new_rank": rank, "promotion_type": kind, "pertek_number": None, "pertek_date": None,
            "service_years": None, "service_months": None, "credit_score": None, **changes}


def promoted(servant: CivilServant, rank: Rank, tmt: date, **changes: Any) -> list[Warning]:
    return servant.promote_rank(envelope(tmt), **promotion(rank, **changes))


def position(**changes: Any) -> dict[str, Any]:
    return {
        "position_kind": PositionKind.PELAKSANA, "position_level": PositionLevel.PELAKSANA,
        "position_name": "Pengadministrasi", "eselon": None, "functional_position_id": None,
        "general_position_id": "JFU-1", "functional_level": None, "unit_id": "U2",
        "unit_name": "Unit U2", "assignment_kind": AssignmentKind.DEFINITIF,
        "mutation_kind": None, "inauguration_date": None, "supervisor_rank": Rank.IV_A, **changes,
    }


def transfer(**changes: Any) -> dict[str, Any]:
    return {"to_institution_id": "B", "to_institution_name": "Instansi B", "to_unit_id": "B1",
            "to_unit_name": "Unit B1", **changes}


def appraisal(year: int, **changes: Any) -> dict[str, Any]:
    return {"year": year, "work_result": Rating.AS_EXPECTED, "work_behaviour": Rating.AS_EXPECTED,
            "predikat": Predikat.BAIK, "appraiser_nip": "198001012005011001",
            "appraiser_name": "Atasan", **changes}


def training(**changes: Any) -> dict[str, Any]:
    return {"kind": TrainingKind.TEKNIS, "program": None, "name": "Teknis", "organiser": "BPSDM",
            "hours": 20, "start_date": date(2019, 5, 1), "end_date": date(2019, 5, 3),
            "certificate_number": "CERT/1", **changes}


def assessment(**changes: Any) -> dict[str, Any]:
    return {"levels": {"INTEGRITAS": 3, "KERJA_SAMA": 2}, "method": AssessmentMethod.UJI_KOMPETENSI,
            "assessor_body": "BKN Assessment Centre", **changes}


def evaluation(training_version: int, **changes: Any) -> dict[str, Any]:
    return {"training_version": training_version, "evaluator": "Kepala Bidang", "reaction": 80,
            "learning": 75, "behaviour": None, "result": None, **changes}


def education(level: EducationLevel, **changes: Any) -> dict[str, Any]:
    return {"level": level, "institution": "Universitas", "major": None,
            "graduation_date": date(2018, 8, 1), "diploma_number": None, **changes}


def penalty(**changes: Any) -> dict[str, Any]:
    return {"penalty_type": PenaltyType.POTONGAN_TUNJANGAN_KINERJA,
            "level": DisciplineLevel.SEDANG, "regulation": Regulation.PP_94_2021,
            "duration_months": 6, "end_date": date(2023, 7, 1), "reason": "Absen", **changes}


def retirement() -> dict[str, Any]:
    return {"reason": TerminationReason.BUP}


def state_of(servant: CivilServant, valid_at: date | None = None) -> ServantState:
    return fold(effective_events(servant.events), valid_at)


def refused(code: str, command: Callable[..., Any], *args: Any, **kwargs: Any) -> DomainError:
    """Then: ``command`` raises DomainError ``code``, and (for a servant) triggers nothing."""
    servant = getattr(command, "__self__", None)
    version = servant.version if isinstance(servant, CivilServant) else None
    with pytest.raises(DomainError) as caught:
        command(*args, **kwargs)
    assert caught.value.code == code, caught.value.message
    if isinstance(servant, CivilServant):
        assert servant.version == version
    return caught.value


def codes(warnings: list[Warning]) -> list[str]:
    return [w.code for w in warnings]
