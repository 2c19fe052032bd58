"""When a version was saved, in the visitor's own time zone (the store keeps UTC)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st


def browser_zone() -> str | None:
    """The time zone the visitor's browser reports (``None`` when it gives none)."""
    try:
        zone = st.context.timezone
    except Exception:  # no browser behind this run (bare or test runs)
        return None
    return zone if isinstance(zone, str) and zone else None


def local_time(when: dt.datetime, zone: str | None) -> dt.datetime | None:
    """``when`` (UTC; naive means UTC) as a naive wall-clock time in ``zone``.

    ``None`` when the zone is unknown or not in the machine's time-zone database: the page
    then shows UTC and says so.
    """
    if not zone:
        return None
    try:
        here = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    aware = when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)
    return aware.astimezone(here).replace(tzinfo=None)
