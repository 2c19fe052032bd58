"""Server time of the named parts of a page run, kept in the visitor's session (for benchmarks)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

#: Session key of the last run's times: milliseconds by part name.
TIMES = "_section_ms"


@contextmanager
def timed(name: str) -> Iterator[None]:
    """Record how long the body takes (ms) under ``name`` in this session's :data:`TIMES`."""
    start = time.perf_counter()
    try:
        yield
    finally:
        found = st.session_state.get(TIMES)
        times = found if isinstance(found, dict) else {}
        times[name] = (time.perf_counter() - start) * 1000
        st.session_state[TIMES] = times
