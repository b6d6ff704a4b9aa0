"""The GraphQL documents the pages send (the same operations an API client would)."""

from __future__ import annotations

from service.pages.paging import PAGE_INFO

PROVENANCE = """provenance { eventIds skNumber skDate skOfficial recordedAt
                 recordedBy { id role } }"""
AMENDMENT = "eventId recordedAt recordedBy { id role } reason skNumber changes"
ENTRY = f"""section sequence tmt untilTmt title details corrected retracted originalValues
            {PROVENANCE} corrections {{ {AMENDMENT} }} retraction {{ {AMENDMENT} }}"""

SERVANT = """query($nip: String!) {
  servant(nip: $nip) { nip name status golongan pangkat rankTmt positionName positionLevel
    unitId unitName institutionName highestEducation cpnsTmt version }
}"""

PERSONAL = """query($nip: String!) { servant(nip: $nip) { birthDate gender } }"""

HISTORY = f"""query($nip: String!) {{
  careerHistory(nip: $nip) {{
    rankPeriods {{ {ENTRY} }} positions {{ {ENTRY} }} units {{ {ENTRY} }}
    appraisals {{ {ENTRY} }} trainings {{ {ENTRY} }} education {{ {ENTRY} }}
    discipline {{ {ENTRY} }} statusHistory {{ {ENTRY} }}
  }}
}}"""

RULES = "ruleId outcome passed explanation evidenceEventIds source missing"

ELIGIBILITY = f"""query($nip: String!, $asOf: Date) {{
  promotionEligibility(nip: $nip, asOf: $asOf) {{
    nip name unitName asOf candidateTmt currentRank nextRank eligible decision promotionKind
    ruleSetVersion periodRegime failedRules earliestEligibleDate orderExplanation
    rules {{ {RULES} }}
    merit {{ total version components {{ code name weight score note }} }}
  }}
}}"""

CANDIDATES = f"""query($filter: CandidateFilter, $first: Int, $after: String, $last: Int,
                      $before: String) {{
  promotionCandidates(filter: $filter, first: $first, after: $after, last: $last,
                      before: $before) {{
    totalCount {PAGE_INFO}
    edges {{ node {{ nip name unitName currentRank nextRank candidateTmt decision failedRules
      orderExplanation merit {{ total }} rules {{ ruleId outcome explanation }} }} }}
  }}
}}"""

JUDGEMENT = f"""knownAt validAt verdict failedRules ruleSetVersion periodRegime
  rules {{ {RULES} }}
  servant {{ nip name golongan unitName }}
  evidence {{ eventId type tmt recordedAt recordedBy skNumber }}"""
AUDITED = "eventId type tmt recordedAt recordedBy recordedByRole skNumber skDate reason changes"

PROMOTION_AUDIT = f"""query($eventId: String!) {{
  promotionAudit(eventId: $eventId) {{
    eventId newRank promotionType pertekNumber skOfficial documentHash retracted verdictChanged
    promotion {{ {AUDITED} }} corrections {{ {AUDITED} }} changedBy {{ {AUDITED} }}
    then {{ {JUDGEMENT} }} now {{ {JUDGEMENT} }}
  }}
}}"""

FINDINGS = f"""query($filter: AuditFindingFilter, $first: Int, $after: String, $last: Int,
                    $before: String) {{
  auditFindings(filter: $filter, first: $first, after: $after, last: $last, before: $before) {{
    totalCount {PAGE_INFO}
    edges {{ node {{ kind severity nip unitId period subjectEventId eventIds explanation
      measure provenance }} }}
  }}
}}"""

INTEGRITY = """query($digest: String) {
  integrity(digest: $digest) { status checkedEvents headPosition headHash digest
    firstBreak { position kind reason event } }
  integrityCheckpoint { treeSize rootHash headPosition takenAt digest }
}"""
