"""The PDF helpers: the garbage-collector pause while WeasyPrint lays a document out."""

from __future__ import annotations

import gc
import threading

import pytest

from erp_select.report.pdf import gc_paused


def test_gc_pause_restores_the_collector_even_after_an_error() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():  # nested (another thread printing at the same time)
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_gc_pause_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_gc_pause_from_two_threads_ends_when_both_end() -> None:
    inside = threading.Barrier(2)
    leave = threading.Event()

    def hold() -> None:
        with gc_paused():
            inside.wait()
            leave.wait(10)

    other = threading.Thread(target=hold)
    other.start()
    with gc_paused():
        inside.wait()
    assert not gc.isenabled()  # the other thread still prints
    leave.set()
    other.join()
    assert gc.isenabled()
