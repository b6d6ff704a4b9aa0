"""Builds GraphQL inputs for a servant's career and posts them over HTTP."""

from __future__ import annotations

from typing import Any

from tests.support import LiveServer, errors_of

NIP = "199001012015031001"  # born 1990-01-01, CPNS March 2015, male, sequence 001
OTHER_NIP = "198505052010012002"  # born 1985-05-05, CPNS January 2010, female

RESULT_FIELDS = "eventId type version position replayed warnings { code message }"


def legal(sk_date: str = "2015-02-01", number: str = "SK/001") -> dict[str, Any]:
    return {"skNumber": number, "skDate": sk_date, "skOfficial": "Kepala BKN"}


def cpns_input(**overrides: Any) -> dict[str, Any]:
    values = {
        "nip": NIP, "tmt": "2015-03-01", "legalBasis": legal("2015-02-01"), "name": "Budi Santoso",
        "birthDate": "1990-01-01", "birthPlace": "Bandung", "gender": "MALE", "educationLevel": "S1",
        "initialRank": "III_A", "positionName": "Analis Kepegawaian", "formationYear": 2014,
        "institutionId": "KEMENKEU", "institutionName": "Kementerian Keuangan", "unitId": "KEU-01",
        "unitName": "Biro SDM",
    }
    return {**values, **overrides}


def default_input(act: str, nip: str = NIP) -> dict[str, Any]:
    """A valid input for each act on a PNS appointed in 2015 with S1 at III/a."""
    base = {"nip": nip}
    inputs: dict[str, dict[str, Any]] = {
        "appointPns": {"tmt": "2016-03-01", "legalBasis": legal("2016-02-15"), "sttplNumber": "STTPL-1"},
        "promoteRank": {
            "tmt": "2019-04-01", "legalBasis": legal("2019-03-01"), "newRank": "III_B",
            "promotionType": "REGULER",
        },
        "assignPosition": {
            "tmt": "2020-01-02", "legalBasis": legal("2019-12-20"), "positionKind": "FUNGSIONAL",
            "positionLevel": "FUNGSIONAL", "positionName": "Analis SDM Aparatur Ahli Pertama",
            "functionalPositionId": "JF-ASDM", "functionalLevel": "AHLI_PERTAMA", "unitId": "KEU-01",
            "unitName": "Biro SDM", "assignmentKind": "DEFINITIF",
        },
        "transferInstitution": {
            "tmt": "2021-01-04", "legalBasis": legal("2020-12-01"), "toInstitutionId": "BKN",
            "toInstitutionName": "Badan Kepegawaian Negara", "toUnitId": "BKN-02",
            "toUnitName": "Direktorat Kinerja",
        },
        "recordAppraisal": {
            "tmt": "2017-01-31", "legalBasis": legal("2017-01-20"), "year": 2016,
            "workResult": "AS_EXPECTED", "workBehaviour": "AS_EXPECTED", "predikat": "BAIK",
            "appraiserNip": OTHER_NIP, "appraiserName": "Siti Aminah",
        },
        "recordTraining": {
            "tmt": "2016-06-30", "legalBasis": legal("2016-07-05"), "kind": "STRUKTURAL",
            "program": "LATSAR_CPNS", "name": "Latsar CPNS Gol III", "organiser": "BPSDM Kemenkeu",
            "hours": 40, "startDate": "2016-05-01", "endDate": "2016-06-30", "certificateNumber": "CERT-1",
        },
        "recordEducation": {
            "tmt": "2018-09-01", "legalBasis": legal("2018-08-20"), "level": "S2",
            "institution": "Universitas Indonesia", "graduationDate": "2018-08-15",
        },
        "imposeDiscipline": {
            "tmt": "2022-01-10", "legalBasis": legal("2022-01-05"), "penaltyType": "POTONGAN_TUNJANGAN_KINERJA",
            "level": "SEDANG", "regulation": "PP_94_2021", "durationMonths": 6, "endDate": "2022-07-10",
            "reason": "Tidak masuk kerja tanpa alasan",
        },
        "retire": {"tmt": "2050-02-01", "legalBasis": legal("2020-01-02"), "reason": "BUP"},
        "terminate": {"tmt": "2024-05-01", "legalBasis": legal("2024-04-01"), "reason": "MENINGGAL_DUNIA"},
    }
    return {**base, **inputs[act]}


def mutation(act: str) -> str:
    type_name = act[0].upper() + act[1:] + "Input"
    return f"mutation($input: {type_name}!) {{ {act}(input: $input) {{ {RESULT_FIELDS} }} }}"


class Career:
    """One servant's record, posted act by act through the API."""

    def __init__(self, api: LiveServer, nip: str = NIP) -> None:
        self.api, self.nip = api, nip

    def post(self, act: str, values: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        return self.api.gql(mutation(act), {"input": values}, **kwargs)

    def ok(self, act: str, values: dict[str, Any] | None = None, **overrides: Any) -> dict[str, Any]:
        body = self.post(act, {**(values or default_input(act, self.nip)), **overrides})
        assert not body.get("errors"), body
        result: dict[str, Any] = body["data"][act]
        return result

    def appoint(self, **overrides: Any) -> dict[str, Any]:
        return self.ok("appointCpns", cpns_input(nip=self.nip, **overrides))

    def appoint_pns(self) -> Career:
        self.appoint()
        self.ok("appointPns")
        return self

    def rejects(self, act: str, values: dict[str, Any], code: str, **kwargs: Any) -> dict[str, Any]:
        """Posts a bad input: the error carries ``code`` and the log does not move."""
        head = self.api.log_head()
        body = self.post(act, values, **kwargs)
        assert code in errors_of(body), body
        assert body["data"] is None or body["data"].get(act) is None
        assert self.api.log_head() == head, "a rejected mutation wrote to the log"
        return body

    def state(self, fields: str = "rank status version") -> dict[str, Any]:
        body = self.api.gql(f'{{ servant(nip: "{self.nip}") {{ {fields} }} }}')
        assert not body.get("errors"), body
        result: dict[str, Any] = body["data"]["servant"]
        return result
