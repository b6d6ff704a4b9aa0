"""The arguments several fields share, each declared once with its description (strawberry
reads it from the annotation), so the same argument reads the same wherever it is taken."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Optional

import strawberry

Nip = Annotated[str, strawberry.argument(description="The servant's NIP (18 digits).")]
CalendarYear = Annotated[int, strawberry.argument(description="The calendar year.")]
PlannedYear = Annotated[int, strawberry.argument(description="The calendar year planned.")]
JudgeDay = Annotated[Optional[date], strawberry.argument(  # noqa: UP045
    description="The day to judge (default today).")]
