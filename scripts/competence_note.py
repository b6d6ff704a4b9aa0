"""The competence note, shown through the real API: seed a sample, start `riwayat serve` on it,
and over HTTP (1) decide a functional servant's promotion rule by rule with the PAKs as
evidence, (2) open a competency gap by an assessment and close it by an evaluated training,
(3) list the succession candidates for a key position of the sample.

    .venv/bin/python scripts/competence_note.py [--servants 300]

Everything runs in a temporary directory on a SQLite file; the output is plain text."""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

NIP = "199001012015031001"
BIN = Path(sys.executable).parent / "riwayat"
SECRET = "competence-note-secret-" + "x" * 16


def legal(sk_date: str, number: str) -> dict[str, str]:
    return {"skNumber": number, "skDate": sk_date, "skOfficial": "Kepala BKN"}


CAREER: list[tuple[str, dict[str, Any]]] = [
    ("appointCpns", {"tmt": "2015-03-01", "legalBasis": legal("2015-02-01", "SK-CPNS/1"),
                     "name": "Budi Santoso", "birthDate": "1990-01-01", "birthPlace": "Bandung",
                     "gender": "MALE", "educationLevel": "S1", "initialRank": "III_A",
                     "positionName": "Analis Kepegawaian", "formationYear": 2014,
                     "institutionId": "KEMENKEU", "institutionName": "Kementerian Keuangan",
                     "unitId": "KEU-01", "unitName": "Biro SDM"}),
    ("appointPns", {"tmt": "2016-03-01", "legalBasis": legal("2016-02-15", "SK-PNS/1"),
                    "sttplNumber": "STTPL-1"}),
    ("assignPosition", {"tmt": "2020-01-02", "legalBasis": legal("2019-12-20", "SK-JF/1"),
                        "positionKind": "FUNGSIONAL", "positionLevel": "FUNGSIONAL",
                        "positionName": "Analis SDM Aparatur Ahli Pertama",
                        "functionalPositionId": "JF-ASDM", "functionalLevel": "AHLI_PERTAMA",
                        "unitId": "KEU-01", "unitName": "Biro SDM",
                        "assignmentKind": "DEFINITIF"}),
    *[("recordAppraisal", {"tmt": f"{y + 1}-01-31", "legalBasis": legal(f"{y + 1}-01-20",
                                                                       f"SKP/{y}"),
                           "year": y, "workResult": "AS_EXPECTED",
                           "workBehaviour": "AS_EXPECTED", "predikat": "BAIK",
                           "appraiserNip": "198505052010012002", "appraiserName": "Siti Aminah"})
      for y in (2023, 2024)],
    *[("determineCreditScore", {"tmt": f"{y + 1}-01-15", "legalBasis": legal(
        f"{y + 1}-01-10", f"PAK/{y}"), "periodStart": f"{y}-01-01", "periodEnd": f"{y}-12-31",
        "creditScore": credit}) for y, credit in ((2023, "25.000"), (2024, "30.000"))],
]
ASSESSMENT = ("recordCompetencyAssessment", {
    "tmt": "2021-03-01", "legalBasis": legal("2021-03-05", "UJIKOM/2021"),
    "levels": {"INTEGRITAS": 3, "KERJA_SAMA": 2, "KOMUNIKASI": 3, "ORIENTASI_PADA_HASIL": 3},
    "method": "UJI_KOMPETENSI", "assessorBody": "UPT Penilaian Kompetensi BKN"})
TRAINING = ("recordTraining", {
    "tmt": "2021-06-30", "legalBasis": legal("2021-07-01", "STTPP/2021"), "kind": "TEKNIS",
    "name": "Kerja Sama Tim", "organiser": "BPSDM", "hours": 24, "startDate": "2021-06-01",
    "endDate": "2021-06-30", "certificateNumber": "KST-1", "addresses": "KERJA_SAMA"})
ELIGIBILITY = """query($nip: String!, $p: Int) {
  promotionEligibility(nip: $nip, asOf: "2025-03-01", minPosition: $p) {
    promotionKind decision candidateTmt ruleSetVersion
    rules { ruleId outcome explanation evidenceEventIds source } } }"""
PROFILE = """query($nip: String!, $asOf: Date) { competencyProfile(nip: $nip, asOf: $asOf) {
  standard { standardEventId } jpmPercent jpmCategory
  gaps { competency required attained gap assessmentEventId }
  needs { needId addresses status openedBy closure closedBy } } }"""
SUCCESSION = """query($p: Int, $asOf: Date) {
  successionCandidates(positionId: "ADM-YANKES-01", asOf: $asOf, minPosition: $p) {
    standardStatus orderExplanation
    candidates { place nip inPool rankEligibility jpmPercent box integrity openNeeds
                 evidenceEventIds } } }"""


class Api:
    def __init__(self, url: str, token: str) -> None:
        self.client = httpx.Client(base_url=url, timeout=180,
                                   headers={"authorization": f"Bearer {token}"})
        self.position: int | None = None

    def gql(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        body: dict[str, Any] = self.client.post("/graphql", json={
            "query": query, "variables": variables}).json()
        if body.get("errors"):
            raise SystemExit(json.dumps(body["errors"], indent=2))
        return body["data"]  # type: ignore[no-any-return]

    def act(self, name: str, values: dict[str, Any]) -> str:
        kind = name[0].upper() + name[1:] + "Input"
        found = self.gql(f"mutation($i: {kind}!) {{ {name}(input: $i) {{ eventId position }} }}",
                         {"i": {"nip": NIP, **values}})[name]
        self.position = found["position"]
        return str(found["eventId"])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--servants", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        env = {**os.environ, "RIWAYAT_DATABASE_URL": f"sqlite:///{work}/note.db",
               "RIWAYAT_JWT_SECRET": SECRET, "RIWAYAT_READ_YOUR_WRITES_TIMEOUT": "170"}
        subprocess.run([BIN, "seed", "--quiet", "--servants", str(args.servants)], env=env,
                       cwd=work, check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        server = subprocess.Popen([BIN, "serve", "--port", str(port)], env=env, cwd=work,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            token = subprocess.run([BIN, "token", "--role", "hr", "--sub", "note", "--scope",
                                    "*"], env=env, cwd=work, check=True, capture_output=True,
                                   text=True).stdout.strip()
            api = Api(f"http://127.0.0.1:{port}", token)
            for _ in range(100):
                try:
                    api.client.get("/healthz")
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            note(api)
        finally:
            server.terminate()
            server.wait(10)


def note(api: Api) -> None:
    print(f"== 1. A functional servant's promotion, rule by rule ({NIP}, Ahli Pertama III/a)")
    for name, values in CAREER:
        print(f"   {api.act(name, values)}  {name} {values.get('creditScore', '')}".rstrip())
    found = api.gql(ELIGIBILITY, {"nip": NIP, "p": api.position})["promotionEligibility"]
    print(f"   {found['promotionKind']} at {found['candidateTmt']} (rules "
          f"{found['ruleSetVersion']}): {found['decision']}")
    for rule in found["rules"]:
        print(f"   {rule['ruleId']} {rule['outcome']:<7} {rule['explanation']}")
        print(f"      evidence {', '.join(rule['evidenceEventIds'])}  [{rule['source']}]")

    print("\n== 2. A competency gap opened by an assessment, closed by an evaluated training")
    assessed = api.act(*ASSESSMENT)
    show_profile(api, "2021-05-01", f"after the assessment {assessed}")
    trained = api.act(*TRAINING)
    evaluated = api.act("evaluateTraining", {
        "tmt": "2021-09-30", "legalBasis": legal("2021-10-01", "EVAL/2021"),
        "trainingEventId": trained, "evaluator": "Kepala Biro SDM", "reaction": 85,
        "learning": 78, "behaviour": 70})
    show_profile(api, "2021-12-31", f"after the training {trained} and evaluation {evaluated}")

    print("\n== 3. Succession for ADM-YANKES-01 (standard: rank III/c, PKA, levels 3)")
    found = api.gql(SUCCESSION, {"p": api.position, "asOf": "2025-06-01"})
    succession = found["successionCandidates"]
    print(f"   standard {succession['standardStatus']}; order: {succession['orderExplanation']}")
    candidates = succession["candidates"]
    print(f"   {len(candidates)} candidates with a talent map; the first eight:")
    for c in candidates[:8]:
        print(f"   {c['place']:>3}. {c['nip']} pool={c['inPool']!s:<5} rank={c['rankEligibility']:<7}"
              f" jpm={c['jpmPercent']} box={c['box']} integrity={c['integrity']} "
              f"openNeeds={c['openNeeds']}")
        print(f"        evidence {', '.join(c['evidenceEventIds'])}")


def show_profile(api: Api, as_of: str, when: str) -> None:
    profile = api.gql(PROFILE, {"nip": NIP, "asOf": as_of})["competencyProfile"]
    print(f"   {when}, on {as_of}: standard {profile['standard']['standardEventId']}, JPM "
          f"{profile['jpmPercent']}% ({profile['jpmCategory']})")
    for gap in profile["gaps"]:
        print(f"     {gap['competency']:<22} required {gap['required']} attained "
              f"{gap['attained']} gap {gap['gap']}  ({gap['assessmentEventId']})")
    for need in profile["needs"]:
        closed = f" {need['closure']} by {', '.join(need['closedBy'])}" if need["closure"] else ""
        print(f"     need {need['needId']} {need['addresses']}: {need['status']}, opened by "
              f"{need['openedBy']}{closed}")


if __name__ == "__main__":
    main()
