"""Over HTTP: tokens with a blank subject or an endless lifetime record nothing."""

from __future__ import annotations

from typing import Any

import jwt
import pytest

from service.auth import utc_now
from tests.e2e.career import Career, cpns_input, mutation
from tests.support import TEST_SECRET, LiveServer, errors_of


def _signed(**claims: Any) -> str:
    values = {"sub": "hr-1", "role": "hr", "scope": ["*"], "exp": utc_now().timestamp() + 600}
    return jwt.encode({**values, **claims}, TEST_SECRET, "HS256")


@pytest.mark.parametrize(
    "claims", [{"sub": ""}, {"sub": "   "}, {"exp": 1e20}, {"iat": 0, "exp": 4102444800}],
    ids=["empty-sub", "blank-sub", "exp-1e20", "decades"],
)
def test_such_tokens_are_unauthenticated_and_write_nothing(
    api: LiveServer, claims: dict[str, Any]
) -> None:
    head = api.log_head()
    body = api.gql(mutation("appointCpns"), {"input": cpns_input()}, token=_signed(**claims))
    assert errors_of(body) == ["UNAUTHENTICATED"]
    assert api.log_head() == head
    assert Career(api).appoint()["type"]  # a proper token still writes
