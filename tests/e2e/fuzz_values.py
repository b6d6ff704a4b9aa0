"""Values for the fuzzer shaped like the API's identifiers, so generated mutations get past
NIP validation into the write path: NIPs with a real birth date, CPNS month, gender digit
and sequence (domain/nip.py), dates in a plausible career span, date-times with a zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import strategies as st

from tests.e2e.career import NIP, OTHER_NIP

_BIRTH = st.dates(date(1960, 1, 1), date(2002, 12, 31))


@st.composite
def valid_nips(draw: st.DrawFn) -> str:
    birth = draw(_BIRTH)
    cpns_year = draw(st.integers(birth.year + 18, min(birth.year + 40, 2025)))
    month, gender = draw(st.integers(1, 12)), draw(st.sampled_from("12"))
    sequence = draw(st.integers(1, 999))
    return f"{birth:%Y%m%d}{cpns_year:04d}{month:02d}{gender}{sequence:03d}"


# The servants the fuzz server records, often: acts on them can be accepted.
nips = st.one_of(st.sampled_from([NIP, OTHER_NIP]), valid_nips())
dates = st.dates(date(2010, 1, 1), date(2030, 12, 31)).map(date.isoformat)
aware_datetimes = st.datetimes(
    datetime(2015, 1, 1), datetime(2030, 1, 1), timezones=st.just(UTC)
).map(datetime.isoformat)
# Strings stand for NIPs, dates and free text alike: the schema does not tell them apart.
strings = st.one_of(nips, nips, nips, dates, st.text(max_size=30))
