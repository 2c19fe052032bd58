"""Fixtures shared by the browser journeys: the app server and the stand-in outside world."""

from tests.e2e.test_browser_journey import outside, server

__all__ = ["outside", "server"]
