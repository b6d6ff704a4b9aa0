"""Plain-words descriptions of the event fields, shared by every kind's payload and input.

A kind's own note (``EventKind.field_notes``) wins where a field means something particular
to that kind; these cover the fields that mean the same wherever they appear, plus the
envelope and the write options every mutation input takes."""

from __future__ import annotations

from typing import Any

from domain.kind import EventKind

FIELD_NOTES: dict[str, str] = {
    # Who and where.
    "nip": "The servant's NIP (nomor induk pegawai): 18 digits that encode the birth date, "
    "the appointment month and the gender.",
    "name": "The name as written on the SK.",
    "birth_date": "Date of birth.",
    "birth_place": "Place of birth.",
    "gender": "Gender as recorded on the appointment.",
    "education_level": "The diploma level the servant was appointed with.",
    "initial_rank": "The rank (golongan) given at appointment.",
    "formation_year": "The year of the formation (position budget) the appointment fills.",
    "institution_id": "Identifier of the agency (instansi).",
    "institution_name": "Name of the agency (instansi).",
    "unit_id": "Identifier of the work unit (unit kerja).",
    "unit_name": "Name of the work unit (unit kerja).",
    "position_name": "Name of the position (jabatan).",
    # Appointment as PNS.
    "sttpl_number": "Number of the certificate of completing basic training (STTPL).",
    "spmt_number": "Number of the statement of starting duty (SPMT), if any.",
    # Promotion.
    "new_rank": "The rank (golongan) reached by the promotion.",
    "promotion_type": "The kind of promotion (kenaikan pangkat).",
    "pertek_number": "Number of the technical approval (pertek) by BKN, if any.",
    "pertek_date": "Date of the technical approval (pertek), if any.",
    "service_years": "Years of service counted for the rank (masa kerja golongan), if stated.",
    "service_months": "Months beyond the whole years of service counted, if stated.",
    "credit_score": "Credit points (angka kredit) the promotion rests on, if any.",
    # Position.
    "position_kind": "Structural, functional, both or executive.",
    "position_level": "The level of the position.",
    "eselon": "The echelon of a structural position (for example II.a), if any.",
    "functional_position_id": "Identifier of the functional position, for functional posts.",
    "general_position_id": "Identifier of the executive position, for executive posts.",
    "functional_level": "The level within the functional track, for functional posts.",
    "assignment_kind": "Whether the position is held in one's own right or as a stand-in.",
    "mutation_kind": "Whether the move changes the position or only the unit, if stated.",
    "inauguration_date": "Date the servant was sworn in to the position, if any.",
    "supervisor_rank": "The rank of the direct supervisor, if recorded.",
    # Transfer.
    "from_institution_id": "The agency the servant leaves, as the record shows on the TMT.",
    "to_institution_id": "Identifier of the agency the servant joins.",
    "to_institution_name": "Name of the agency the servant joins.",
    "to_unit_id": "Identifier of the work unit in the new agency.",
    "to_unit_name": "Name of the work unit in the new agency.",
    # Appraisal.
    "year": "The appraisal year.",
    "work_result": "The rating of the work results (hasil kerja).",
    "work_behaviour": "The rating of the work behaviour (perilaku kerja).",
    "predikat": "The overall performance rating that follows from the two ratings.",
    "appraiser_nip": "NIP of the appraising official.",
    "appraiser_name": "Name of the appraising official.",
    # Training and education.
    "kind": "The kind of training or development activity.",
    "program": "The leadership or basic training programme, when it is one.",
    "organiser": "Who held the training.",
    "hours": "Lesson hours (JP) earned.",
    "start_date": "First day.",
    "end_date": "Last day (for a penalty: the last day it is in force, if it has a period).",
    "certificate_number": "Number of the certificate, if any.",
    "addresses": "What the training develops: competency codes or KINERJA, comma-separated.",
    "level": "The level: the diploma level of an education, the weight of a penalty.",
    "institution": "The school or university.",
    "major": "The field of study, if any.",
    "graduation_date": "Date of graduation.",
    "diploma_number": "Number of the diploma (ijazah), if any.",
    # Discipline.
    "penalty_type": "The penalty imposed.",
    "regulation": "The discipline regulation the penalty is imposed under.",
    "duration_months": "How long the penalty lasts in months, for penalties with a period.",
    "penalty_event_id": "The id of the penalty event this annulment voids.",
    "reason": "Why: in the servant's own words of the SK, or the reason for a correction.",
    # Assessments and evaluations.
    "levels": "Attained level (1 to 5) per competency code, as a JSON object.",
    "method": "How the competencies were assessed.",
    "assessor_body": "The body that made the assessment.",
    "evaluator": "Who evaluated the training.",
    "reaction": "Kirkpatrick level 1, the participants' reaction (0 to 100), if scored.",
    "learning": "Kirkpatrick level 2, what was learned (0 to 100), if scored.",
    "behaviour": "Kirkpatrick level 3, the change in behaviour at work (0 to 100), if scored.",
    "result": "Kirkpatrick level 4, the result for the organisation (0 to 100), if scored.",
    "training_event_id": "The id of the training event this evaluation scores.",
    # Corrections.
    "event_id": "The id (<nip>:<version>) of the earlier event this one corrects or retracts.",
    "target_event_id": "The id (<nip>:<version>) of the earlier event this one corrects or retracts.",
    "changes": "The replaced fields and their new values, as a JSON object keyed by field name.",
    # The envelope and the write options.
    "tmt": "The effective date (terhitung mulai tanggal) of the act.",
    "legal_basis": "The SK (decree) the act rests on.",
    "source": "Where the record comes from.",
    "expected_version": "The servant's version you read; a later write in between gives "
    "VERSION_CONFLICT instead of a silent overwrite.",
    "idempotency_key": "A key of your choice; repeating the request with it returns the first "
    "result and writes nothing again.",
    "sk_number": "The SK's number.",
    "sk_date": "The SK's date.",
    "sk_official": "The official who signed the SK.",
    "document_hash": "A hash of the scanned SK document, if one was stored.",
}


def field_note(name: str) -> str | None:
    return FIELD_NOTES.get(name)


# Kinds whose declaration carries no description of its own.
_ACT_NOTES = {
    "transfer_institution": "Transfer to another agency (pindah instansi), effective on the TMT.",
    "record_education": "A diploma obtained (riwayat pendidikan).",
    "impose_discipline": "A disciplinary penalty imposed (hukuman disiplin).",
    "annul_discipline": "Annul an earlier disciplinary penalty, for example after an appeal.",
    "retire": "Retirement (pensiun): ends the servant's active service on the TMT.",
    "terminate": "Dismissal or another end of service (pemberhentian) on the TMT.",
}


def act_note(kind: EventKind[Any]) -> str:
    """What a kind of act is, in words: its declaration's, else the table's."""
    return kind.description or _ACT_NOTES.get(kind.command, kind.command.replace("_", " ").capitalize())
