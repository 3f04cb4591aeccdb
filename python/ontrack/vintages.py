"""Vintages: when a value was recorded or released, as ISO 8601 time.

A vintage is a date (``2026-03-01``, the whole UTC day) or a date-time
(``2026-03-01T08:00:00Z``, ``2026-03-01T16:00+08:00``; without an offset it is UTC). Vintages
are compared as time, never as text: ``2026-3-1`` or ``2026/03/01`` are not vintages.
"""

from __future__ import annotations

import datetime
import re
from typing import Tuple

from ._core import InvalidInputError

__all__ = ["vintage_span"]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?"
)
_UTC = datetime.timezone.utc
#: The span of "no vintage": before every vintage.
_NONE = (
    datetime.datetime.min.replace(tzinfo=_UTC),
    datetime.datetime.min.replace(tzinfo=_UTC),
)


def vintage_span(text: str) -> Tuple[datetime.datetime, datetime.datetime]:
    """The first and last instant (UTC) ``text`` names: a date spans its whole day, a date-time
    is one instant. The empty text (no vintage) comes before every vintage. Raises
    :class:`ontrack.InvalidInputError` for anything else."""
    if text == "":
        return _NONE
    try:
        if _DATE.fullmatch(text):
            day = datetime.datetime.combine(datetime.date.fromisoformat(text), datetime.time(), _UTC)
            return day, day + datetime.timedelta(days=1, microseconds=-1)
        if _DATE_TIME.fullmatch(text):
            instant = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
            instant = instant.replace(tzinfo=_UTC) if instant.tzinfo is None else instant.astimezone(_UTC)
            return instant, instant
    except ValueError:
        pass  # the shape of a date, but no such day or time (2026-02-30)
    raise InvalidInputError(
        f"vintage {text!r} is not an ISO 8601 date (2026-03-01) or date-time "
        "(2026-03-01T08:00:00Z, or with an offset such as +08:00)"
    )
