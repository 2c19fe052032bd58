"""End to end in Chromium: a demo scoring round — a facilitator and two evaluators, each in
their own browser; blind scores, the facilitator's live progress, lock and adoption."""

from __future__ import annotations

import re

import pytest

from tests.e2e.test_browser_journey import (
    CHROMIUM,
    CHROMIUM_ARGS,
    STEP_TIMEOUT,
    _settle,
    _shot,
    _watch_requests,
)

pytestmark = pytest.mark.e2e


def test_two_evaluators_score_blind_and_the_facilitator_adopts(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=STEP_TIMEOUT)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            host = browser.new_context(viewport={"width": 1400, "height": 2600})
            first = browser.new_context(viewport={"width": 900, "height": 1800})
            second = browser.new_context(viewport={"width": 900, "height": 1800})
            foreign = [_watch_requests(c, server) for c in (host, first, second)]
            fac = host.new_page()
            fac.set_default_timeout(STEP_TIMEOUT)

            # The facilitator loads the demo, opens a workshop and a demo scoring round.
            fac.goto(server)
            fac.get_by_role("button", name="Load the demo").click()
            expect(fac.get_by_text(re.compile("Demo project loaded"))).to_be_visible()
            fac.get_by_role("link", name="Run a workshop").click()
            fac.get_by_label("Your name (facilitator)").fill("Claire")
            fac.get_by_role("button", name="Open the workshop").click()
            code_box = fac.get_by_text(re.compile(r"^[A-Z0-9]{5}-[A-Z0-9]{5}$"))
            expect(code_box).to_be_visible()
            code = code_box.inner_text().strip()
            fac.get_by_text("demo scores", exact=True).click()
            _settle(fac)
            fac.get_by_role("button", name="Open this round").click()
            expect(fac.get_by_text("Round 1 is open")).to_be_visible()

            # Two evaluators join from their own browsers and score the first pair.
            pages = []
            for context, name, comment, steps in (
                (first, "Alice", "alice-saw-little", -2),
                (second, "Bruno", "bruno-saw-it-all", 2),
            ):
                page = context.new_page()
                page.set_default_timeout(STEP_TIMEOUT)
                page.goto(f"{server}/join")
                page.get_by_label("Workshop code").fill(code)
                page.wait_for_timeout(500)
                page.get_by_label("Your name").fill(name)
                page.get_by_role("button", name="Join", exact=True).click()
                expect(page.get_by_role("heading", name=re.compile("Round 1"))).to_be_visible()
                expect(page.get_by_text(re.compile("stay hidden until the round"))).to_be_visible()
                slider = page.get_by_role("slider").first
                slider.focus()
                for _ in range(abs(steps)):
                    slider.press("ArrowRight" if steps > 0 else "ArrowLeft")
                _settle(page)
                page.get_by_label("Comment (optional)").fill(comment)
                page.get_by_role("button", name="Save this score").click()
                expect(page.get_by_text(re.compile("Your answer is saved"))).to_be_visible()
                pages.append(page)
            alice, bruno = pages
            _shot(alice, "30-evaluator-scored")

            # Blind: Alice's page never shows Bruno's score or comment.
            alice.reload()
            expect(alice.get_by_role("heading", name=re.compile("Round 1"))).to_be_visible()
            _settle(alice)
            # Her own card is drawn (her score, a data grid cell); the page's whole HTML,
            # the grids' hidden cells included, holds nothing of Bruno's.
            expect(alice.get_by_text("1 — Not covered or barely").last).to_be_attached()
            page_html = alice.content()
            assert "bruno-saw-it-all" not in page_html and "Bruno" not in page_html

            # The facilitator sees who scored, live, then locks and adopts.
            expect(fac.get_by_text("2 / 2", exact=True)).to_be_visible()
            expect(fac.get_by_text("bruno-saw-it-all")).to_be_attached()  # a data grid cell
            _shot(fac, "31-facilitator-progress")
            fac.get_by_role("button", name="Lock the round").click()
            _settle(fac)
            fac.get_by_role("button", name="Adopt the demo scores").click()
            expect(fac.get_by_text(re.compile("Adopted: the vendors now carry"))).to_be_visible()
            _shot(fac, "32-demo-scores-adopted")

            # Once locked, an evaluator sees the lock by itself.
            expect(bruno.get_by_text(re.compile("This round is locked"))).to_be_visible()
            assert all(f == [] for f in foreign)
        finally:
            browser.close()
