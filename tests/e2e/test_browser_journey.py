"""End to end in Chromium: demo → weight change → sensitivity → French → reload → report,
and a live workshop with a facilitator and a participant in two browser contexts.

Starts the app on a free port of 127.0.0.1 (``tests/servers.py``) with its own SQLite file, drives
Debian's Chromium through Playwright, and saves a screenshot of every step under
``test-artifacts/e2e/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import re
import socket
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.servers import serving

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STEP_TIMEOUT = 90_000  # ms: cold imports and the first SMAA run on a busy 2-core machine


class Outside:
    """A local stand-in for the outside world: the server's HTTP(S) proxy, counting callers.

    The server is started with this as its proxy, so any request it makes to another host
    (e.g. Streamlit asking a web service for the machine's external address) lands here.
    """

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.requests: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    first = conn.recv(4096).split(b"\r\n", 1)[0]
                except OSError:
                    first = b"?"
                self.requests.append(first.decode(errors="replace"))

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


@pytest.fixture(scope="session")
def outside() -> Iterator[Outside]:
    """The server's proxy to the outside world; every test checks nobody called it."""
    proxy = Outside()
    try:
        yield proxy
    finally:
        proxy.close()


def _watch_requests(context: Any, server: str) -> list[str]:
    """Record every request the browser makes to a host other than the app's own."""
    own = urllib.parse.urlsplit(server).netloc
    foreign: list[str] = []

    def seen(request: Any) -> None:
        parts = urllib.parse.urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != own:
            foreign.append(request.url)

    context.on("request", seen)
    return foreign


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, outside: Outside) -> Iterator[str]:
    """A Streamlit server of the app on a free local port; stopped after the session."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make install-dev installs it)")
    folder = tmp_path_factory.mktemp("e2e")
    env = {
        # Whatever the server would fetch from another host goes to ``outside``.
        **{k: outside.url for k in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")},
        "NO_PROXY": "",
        "no_proxy": "",
        "ERP_SELECT_DATABASE_URL": f"sqlite:///{(folder / 'e2e.db').as_posix()}",
        "ERP_SELECT_LANG": "en",
        # The journey starts from an empty session and loads the demo itself (a first
        # visit would otherwise open the demo on its own).
        "ERP_SELECT_START": "empty",
    }
    try:
        with serving(folder, env) as url:
            yield url
    finally:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        log = folder / "streamlit.log"
        if log.exists():
            (ARTIFACTS / "streamlit.log").write_bytes(log.read_bytes())


def _settle(page: object) -> None:
    """Wait until the script run is over and the tables and charts have been drawn."""
    running = page.get_by_test_id("stStatusWidget")  # type: ignore[attr-defined]
    running.wait_for(state="detached", timeout=STEP_TIMEOUT)
    page.wait_for_timeout(3000)  # type: ignore[attr-defined]


def _shot(page: object, name: str) -> None:
    _settle(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def _no_secret_in(url: str) -> bool:
    """True when an address carries no project key, facilitator token or seat token."""
    return not re.search(r"[?&](project|workshop|seat)=", url)


def _winner(page: object) -> str:
    box = page.get_by_text(re.compile(r"^Ranked first: "))  # type: ignore[attr-defined]
    box.wait_for(timeout=STEP_TIMEOUT)
    return str(box.inner_text())


def test_selection_journey_in_a_real_browser(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=STEP_TIMEOUT)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            foreign = _watch_requests(context, server)
            page = context.new_page()
            page.set_default_timeout(STEP_TIMEOUT)

            # 1. open the app: English (ERP_SELECT_LANG=en), no project yet
            page.goto(server)
            expect(page.get_by_role("heading", name="Your project")).to_be_visible()
            expect(page).to_have_url(re.compile(r"[?&]lang=en"))
            _shot(page, "01-start")

            # 2. load the demo catalogue; the project's random key is kept in a cookie of
            #    this browser (SameSite=Strict), never in the address bar
            page.get_by_role("button", name="Load the demo").click()
            expect(page.get_by_text(re.compile("Demo project loaded"))).to_be_visible()
            _settle(page)
            assert _no_secret_in(page.url), page.url
            jar = {c["name"]: c for c in page.context.cookies()}
            assert re.fullmatch(r"[A-Za-z0-9_-]{22}", jar["erp_select_project"]["value"])
            assert jar["erp_select_project"]["sameSite"] == "Strict"
            _shot(page, "02-demo-loaded")

            # 3. the ranking page
            page.get_by_role("link", name="Ranking").click()
            expect(page.get_by_role("heading", name="Ranking", exact=True)).to_be_visible()
            before = _winner(page)
            _shot(page, "03-ranking")

            # 4. change a weight: Price to 100 % (keyboard on the slider thumb)
            price = page.get_by_test_id("stSlider").filter(has_text="Price")
            thumb = price.get_by_role("slider")
            thumb.focus()
            thumb.press("End")
            expect(page.get_by_text(re.compile(r"^Ranked first: "))).not_to_have_text(before)
            after = _winner(page)
            assert after != before
            leader = re.sub(r"^Ranked first: (.+) \(score .*$", r"\1", after)
            _shot(page, "04-weight-changed")

            # 5. the sensitivity page: summary on top
            page.get_by_role("link", name="Sensitivity").click()
            expect(page.get_by_role("heading", name="In brief")).to_be_visible()
            expect(page.get_by_text(re.compile("Verdict"))).to_be_visible()
            _shot(page, "05-sensitivity")

            # 6. switch to French: labels, titles and numbers change
            page.get_by_text("Français", exact=True).click()
            expect(page.get_by_role("heading", name="En bref")).to_be_visible()
            expect(page.get_by_role("link", name="Classement")).to_be_visible()
            _shot(page, "06-french")

            # 7. reload: the project comes back from the store through the cookie
            page.reload()
            expect(page.get_by_role("heading", name="En bref")).to_be_visible()
            expect(page).to_have_url(re.compile(r"[?&]lang=fr"))
            assert _no_secret_in(page.url), page.url
            expect(page.get_by_text(re.compile(r"^14 éditeurs · \d+ critères"))).to_be_visible()
            expect(
                page.get_by_text(re.compile(f"^{re.escape(leader)} arrive en tête"))
            ).to_be_visible()
            _shot(page, "07-reloaded")

            # 8. the report: prepare it, preview it, download the PDF
            page.get_by_role("link", name="Rapport").click()
            page.get_by_role("button", name="Préparer le rapport").click()
            expect(page.get_by_text("Rapport prêt.")).to_be_visible()
            with page.expect_download(timeout=STEP_TIMEOUT) as download:
                page.get_by_role("button", name="Télécharger en PDF").click()
            pdf = ARTIFACTS / "report.pdf"
            download.value.save_as(str(pdf))
            assert pdf.read_bytes().startswith(b"%PDF")
            _shot(page, "08-report")
            # Nothing left the host: not the page icon, not a font, not an image.
            assert foreign == []
        finally:
            browser.close()


def test_a_workshop_with_a_facilitator_and_a_participant(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=STEP_TIMEOUT)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            host = browser.new_context(viewport={"width": 1400, "height": 2600})
            guest = browser.new_context(viewport={"width": 900, "height": 1500})
            foreign = _watch_requests(host, server) + _watch_requests(guest, server)
            fac = host.new_page()
            fac.set_default_timeout(STEP_TIMEOUT)
            me = guest.new_page()
            me.set_default_timeout(STEP_TIMEOUT)

            # 1. the facilitator loads the demo (a saved project, its key in a cookie)
            fac.goto(server)
            fac.get_by_role("button", name="Load the demo").click()
            expect(fac.get_by_text(re.compile("Demo project loaded"))).to_be_visible()

            # 2. opens a workshop: a join code for the room; the console's token is kept in
            #    a cookie of this browser, in no address
            fac.get_by_role("link", name="Run a workshop").click()
            fac.get_by_label("Your name (facilitator)").fill("Claire")
            fac.get_by_role("button", name="Open the workshop").click()
            code_box = fac.get_by_text(re.compile(r"^[A-Z0-9]{5}-[A-Z0-9]{5}$"))
            expect(code_box).to_be_visible()
            code = code_box.inner_text().strip()
            fac.get_by_role("button", name="Open this round").click()
            expect(fac.get_by_text("Round 1 is open")).to_be_visible()
            _shot(fac, "10-workshop-opened")
            assert _no_secret_in(fac.url), fac.url
            jar = {c["name"]: c["value"] for c in host.cookies()}
            secrets_ = [jar["erp_select_console"], jar["erp_select_project"]]
            assert all(len(v) >= 22 for v in secrets_)
            # nothing on the console's screen either (its page holds the cookie script)
            assert not any(v in fac.inner_text("body") for v in secrets_)

            # 2b. the room screen, in a second window of the same browser (the projector):
            #     join code, QR code, progress; no token, no key, no names
            room = host.new_page()
            room.set_default_timeout(STEP_TIMEOUT)
            room.goto(f"{server}/room")
            expect(room.get_by_text(code, exact=True)).to_be_visible()
            expect(room.get_by_text("Scan to join")).to_be_visible()

            # 3. the participant joins from another browser and answers by points
            me.goto(f"{server}/join")
            me.get_by_label("Workshop code").fill(code.lower().replace("-", " "))
            me.wait_for_timeout(500)
            me.get_by_label("Your name").fill("Alice")
            me.get_by_role("button", name="Join", exact=True).click()
            expect(me.get_by_role("heading", name=re.compile("Round 1"))).to_be_visible()
            price = me.get_by_label("Points for Price")
            price.fill("60")
            price.press("Enter")
            _settle(me)
            me.get_by_role("button", name="Send my answer").click()
            expect(me.get_by_text(re.compile("Your answer is saved"))).to_be_visible()
            _shot(me, "11-participant-answered")

            assert _no_secret_in(me.url), me.url
            # a reload keeps the seat (its token is in a cookie of the participant's browser)
            me.reload()
            expect(me.get_by_role("heading", name=re.compile("Round 1"))).to_be_visible()
            assert _no_secret_in(me.url), me.url

            # the room screen counts the answer by itself, and shows no one's
            expect(room.get_by_text("1 / 1", exact=True)).to_be_visible()
            _shot(room, "11b-room-screen")
            shown = room.content()
            assert not any(v in shown for v in secrets_)
            assert "Alice" not in room.inner_text("body")
            assert _no_secret_in(room.url), room.url
            room.close()

            # 4. the facilitator's live view picks the answer up by itself (no click)
            expect(fac.get_by_text("1 / 1", exact=True)).to_be_visible()
            expect(fac.get_by_role("heading", name="Farthest from the group")).to_be_visible()
            _shot(fac, "12-facilitator-live")

            # 5. adopt: the project gets the group weights as a new revision
            fac.get_by_role("button", name="Adopt the group weights").click()
            expect(fac.get_by_text(re.compile("Adopted: the project now has"))).to_be_visible()
            _shot(fac, "13-adopted")
            fac.get_by_role("link", name="Criteria and weights").click()
            expect(fac.get_by_role("heading", name="Criteria and weights")).to_be_visible()
            _shot(fac, "14-criteria-after-adoption")

            # 6. the participant's page sees the lock by itself
            expect(me.get_by_text(re.compile("This round is locked"))).to_be_visible()
            _shot(me, "15-participant-locked")
            assert foreign == []
        finally:
            browser.close()


def _websocket_from(server: str, origin: str) -> str:
    """Open the app's WebSocket as a page of ``origin`` would; return the status line."""
    parts = urllib.parse.urlsplit(server)
    with socket.create_connection((parts.hostname or "", parts.port or 80), timeout=30) as sock:
        sock.sendall(
            (
                "GET /_stcore/stream HTTP/1.1\r\n"
                f"Host: {parts.netloc}\r\n"
                "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                "Sec-WebSocket-Version: 13\r\n"
                f"Origin: {origin}\r\n\r\n"
            ).encode()
        )
        return sock.recv(4096).split(b"\r\n", 1)[0].decode(errors="replace")


def test_nothing_leaves_the_host(server: str, outside: Outside) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=STEP_TIMEOUT)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context()
            foreign = _watch_requests(context, server)
            page = context.new_page()
            page.set_default_timeout(STEP_TIMEOUT)
            page.goto(server)
            expect(page.get_by_role("heading", name="Your project")).to_be_visible()
            _settle(page)
            assert foreign == []
        finally:
            browser.close()
    # A page of another site tries the app's WebSocket: refused, and the server does not
    # ask an outside service for its own address to decide it.
    status = _websocket_from(server, "http://attacker.example")
    assert " 101 " not in status
    assert outside.requests == []
