"""The reverse proxy of docs/deployment.md: nginx (Debian) in front of the app, on loopback.

Starts the app (``tests/servers.py``) and nginx with the shipped ``deploy/nginx`` configuration,
both on free ports of 127.0.0.1, and checks what a browser receives through the proxy:
the security headers on every answer, the WebSocket kept for the app's own pages and
refused to other sites, the TLS site file accepted by nginx, and (when Debian's Chromium
is installed) the app drawing under the Content-Security-Policy without a violation.
Skipped, with the reason, when nginx is absent or cannot start here.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import ServerFailed, free_port, serving, stop

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "nginx"
CHROMIUM = Path("/usr/bin/chromium")
START_TIMEOUT = 90.0

#: What every answer through the proxy must carry (header → a part of its value).
HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _nginx() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/sbin/nginx") if Path(p).exists()), None
    )
    if found is None:
        pytest.skip("nginx is not installed (make install-dev installs Debian's nginx)")
    return found


def _wait(url: str, proc: subprocess.Popen[bytes], log: Path, what: str) -> None:
    context = ssl._create_unverified_context() if url.startswith("https") else None
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.skip(f"{what} could not start here:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2, context=context) as reply:
                if reply.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.3)
    pytest.skip(f"{what} did not answer in time:\n{log.read_text(errors='replace')}")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A Streamlit server of the app on a free loopback port."""
    folder = tmp_path_factory.mktemp("upstream")
    port = free_port()
    env = {
        "ERP_SELECT_DATABASE_URL": f"sqlite:///{(folder / 'app.db').as_posix()}",
        "ERP_SELECT_LANG": "en",
        "ERP_SELECT_START": "empty",
    }
    try:
        with serving(folder, env, port=port):
            yield port
    except ServerFailed as exc:
        pytest.skip(f"streamlit could not start here: {exc}")


def _main_config(folder: Path, body: str) -> Path:
    """An nginx main file that runs as this user in the foreground, files in ``folder``."""
    temp = "\n".join(
        f"    {name}_temp_path {folder / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = folder / "nginx.conf"
    conf.write_text(
        f"""daemon off;
master_process off;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
{temp}
{body}
}}
"""
    )
    return conf


def _start_nginx(conf: Path, folder: Path) -> subprocess.Popen[bytes]:
    nginx = _nginx()
    check = subprocess.run(
        [nginx, "-t", "-p", str(folder), "-c", str(conf)], capture_output=True, check=False
    )
    if check.returncode != 0:
        message = check.stderr.decode(errors="replace")
        if "Permission denied" in message or "Operation not permitted" in message:
            pytest.skip(f"nginx cannot start here: {message}")
        pytest.fail(f"nginx refuses the shipped configuration:\n{message}")
    log = folder / "nginx.out"
    with log.open("wb") as out:
        return subprocess.Popen(
            [nginx, "-p", str(folder), "-c", str(conf)], stdout=out, stderr=subprocess.STDOUT
        )


@pytest.fixture(scope="module")
def proxy(app: int, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """nginx on a free loopback port, with the shipped proxy file, in front of ``app``."""
    folder = tmp_path_factory.mktemp("nginx")
    port = free_port()
    site = (DEPLOY / "erp-select.conf").read_text()
    # The map and upstream of the shipped site file, pointed at the test's app port.
    head = site[site.index("map $http_upgrade") : site.index("# Plain HTTP")]
    head = head.replace("127.0.0.1:8501", f"127.0.0.1:{app}")
    body = f"""{head}
    server {{
        listen 127.0.0.1:{port};
        include {DEPLOY / "erp-select-proxy.conf"};
    }}"""
    proc = _start_nginx(_main_config(folder, body), folder)
    try:
        _wait(f"http://127.0.0.1:{port}/_stcore/health", proc, folder / "error.log", "nginx")
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)


def _get(url: str) -> tuple[int, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=30) as reply:
            return reply.status, dict(reply.headers.items())
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers.items())


def test_every_answer_carries_the_security_headers(proxy: str) -> None:
    for path, status in (("/", 200), ("/_stcore/health", 200), ("/media/missing.png", 404)):
        got, headers = _get(proxy + path)
        assert got == status, path
        for name, part in HEADERS.items():
            assert part in headers.get(name, ""), (path, name, headers.get(name))
    _, headers = _get(proxy + "/")
    csp = headers["Content-Security-Policy"]
    # Nothing may be loaded from another host.
    assert "default-src 'self'" in csp and "http" not in csp and "*" not in csp


def _upgrade(base: str, origin: str) -> str:
    host = base.removeprefix("http://")
    name, port = host.split(":")
    with socket.create_connection((name, int(port)), timeout=30) as sock:
        sock.sendall(
            (
                "GET /_stcore/stream HTTP/1.1\r\n"
                f"Host: {host}\r\n"
                "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                "Sec-WebSocket-Version: 13\r\n"
                f"Origin: {origin}\r\n\r\n"
            ).encode()
        )
        return sock.recv(4096).split(b"\r\n", 1)[0].decode(errors="replace")


def test_the_websocket_goes_through_for_the_apps_own_pages_only(proxy: str) -> None:
    assert " 101 " in _upgrade(proxy, proxy)
    assert " 101 " not in _upgrade(proxy, "https://attacker.example")


def test_the_tls_site_file_is_accepted_by_nginx(app: int, tmp_path: Path) -> None:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed: no test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    http_port, https_port = free_port(), free_port()
    site = (
        (DEPLOY / "erp-select.conf")
        .read_text()
        .replace("127.0.0.1:8501", f"127.0.0.1:{app}")
        .replace("/etc/ssl/certs/erp.example.org.pem", str(cert))
        .replace("/etc/ssl/private/erp.example.org.key", str(key))
        .replace("/etc/nginx/snippets/erp-select-proxy.conf", str(DEPLOY / "erp-select-proxy.conf"))
        .replace("listen [::]:80;", "")
        .replace("listen [::]:443 ssl http2;", "")
        .replace("listen 80;", f"listen 127.0.0.1:{http_port};")
        .replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    )
    proc = _start_nginx(_main_config(tmp_path, site), tmp_path)
    try:
        url = f"https://127.0.0.1:{https_port}"
        _wait(url + "/_stcore/health", proc, tmp_path / "error.log", "nginx (TLS)")
        context = ssl._create_unverified_context()
        with urllib.request.urlopen(url + "/", timeout=30, context=context) as reply:
            headers = dict(reply.headers.items())
        assert headers["Strict-Transport-Security"] == "max-age=31536000"
        for name, part in HEADERS.items():
            assert part in headers.get(name, ""), name
        # Plain HTTP only redirects.
        request = urllib.request.Request(f"http://127.0.0.1:{http_port}/x")
        opener = urllib.request.build_opener(_NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as err:
            opener.open(request, timeout=30)
        assert err.value.code == 301
        assert err.value.headers["Location"].startswith("https://")
    finally:
        stop(proc)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def test_the_app_draws_under_the_content_security_policy(proxy: str) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make install-dev installs it)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=90_000)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            refused: list[str] = []
            page.on(
                "console",
                lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
            )
            page.goto(proxy)
            expect(page.get_by_role("heading", name="Your project")).to_be_visible()
            page.get_by_role("button", name="Load the demo").click()
            expect(page.get_by_text("Demo project loaded", exact=False)).to_be_visible()
            page.get_by_role("link", name="Ranking").click()
            expect(page.locator("canvas, svg.marks").first).to_be_visible()
            assert refused == []
        finally:
            browser.close()
