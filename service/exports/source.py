"""Where reports read from, and who asks: the read models, the application (for reads from the
log), the principal and the service's today. Access follows the API: HR reads only the units
and agencies its token covers (service/scope.py for a single servant), viewers never see
personal fields (Report.visible_to)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.errors import DomainError
from domain.nip import validate_nip
from projections.engine.view import View
from projections.read_models import ReadModels
from projections.views.career_history.rows import SERVANT_COLUMNS
from service.auth import ALL_UNITS, Forbidden, Principal
from service.scope import authorize_servant

READER_ROLES = frozenset({"hr", "auditor", "viewer"})
_SUMMARY_NAMES = [name for name, _ in SERVANT_COLUMNS]


@dataclass(frozen=True)
class ExportSource:
    read_models: ReadModels
    app: Any
    principal: Principal
    today: date

    def __post_init__(self) -> None:
        if self.principal.role not in READER_ROLES:
            raise Forbidden(f"Role {self.principal.role!r} may not read reports.")

    def unit_servants(self, unit_id: str) -> list[dict[str, Any]]:
        """The career summaries of a unit's servants today, by NIP, after the scope check."""
        check_identifier(unit_id, "unitId")

        def read(conn: Any, generation: int) -> list[dict[str, Any]]:
            table = View.table_name("career_servant", generation)
            rows = conn.execute(f"SELECT * FROM {table} WHERE unit_id = ? ORDER BY nip", (unit_id,))
            return [dict(zip(_SUMMARY_NAMES, row, strict=True)) for row in rows]

        servants: list[dict[str, Any]] = self.read_models._query("career_history", read)
        self.authorize_unit(unit_id, *{s["institution_id"] for s in servants})
        return servants

    def authorize_unit(self, unit_id: str, *institutions: str) -> None:
        """HR may report on a unit its token names, or on a unit of an agency it names."""
        principal = self.principal
        if principal.role == "hr" and not principal.covers(unit_id, *institutions):
            raise Forbidden(
                f"This HR token's scope ({', '.join(principal.scopes) or 'none'}) does not "
                f"cover unit {unit_id}."
            )

    def unscoped(self) -> bool:
        return self.principal.role != "hr" or ALL_UNITS in self.principal.scopes

    def authorize_servant(self, nip: str) -> None:
        validate_nip(nip)
        authorize_servant(self.principal, self.app.servant(nip), self.today)


def check_identifier(value: str, field: str) -> str:
    if not value or len(value) > 64 or "\x00" in value:
        raise DomainError("INVALID_REPORT_PARAMETER", f"{field} must be 1 to 64 characters.", field)
    return value


def check_year(value: int, field: str = "year") -> int:
    if not 1900 <= value <= 2199:
        raise DomainError("INVALID_REPORT_PARAMETER", f"{field} {value} is outside 1900 to 2199.",
                          field)
    return value
