"""Which unit's HR may act on a servant: decided once, here, for every read and write path.

Scope follows the servant's state valid *today* (the service's clock, passed in), with
everything known now: a servant who has moved is out of the old unit's reach even for
historical reads (``knownAt``/``validAt`` choose what is shown, never who may see it), and a
transfer dated in the future moves nobody until its TMT, so the current unit can still
correct or retract it and the new unit cannot write before it takes effect."""

from __future__ import annotations

from datetime import date

from domain.errors import DomainError
from domain.servant import CivilServant
from domain.state import effective_events, fold
from service.auth import ALL_UNITS, Forbidden, Principal


def servant_scope(servant: CivilServant, today: date) -> tuple[str, str]:
    """(institution, unit) the servant belongs to on ``today``."""
    effective = effective_events(servant.events)
    try:
        state = fold(effective, today)
    except DomainError:
        # Appointed with a TMT still to come: the appointing unit is responsible meanwhile.
        appointed = next(e.event.tmt for e in effective if isinstance(e.event, CivilServant.CpnsAppointed))
        state = fold(effective, appointed)
    return state.institution_id, state.unit_id


def authorize_servant(principal: Principal, servant: CivilServant, today: date) -> None:
    """Refuse an HR token whose scope does not cover the servant's agency or unit today.
    Other roles are not unit-scoped."""
    if principal.role != "hr" or ALL_UNITS in principal.scopes:
        return
    units = servant_scope(servant, today)
    if not principal.covers(*units):
        raise Forbidden(
            f"This HR token's scope ({', '.join(principal.scopes) or 'none'}) does not cover "
            f"{' / '.join(units)}."
        )


def needs_servant_scope(principal: Principal) -> bool:
    """Whether ``authorize_servant`` can refuse this principal (so callers may skip loading
    the servant's stream for unscoped roles)."""
    return principal.role == "hr" and ALL_UNITS not in principal.scopes
