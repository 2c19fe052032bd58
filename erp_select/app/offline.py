"""Keep the Streamlit server from contacting any host but its visitors (no outside lookups)."""

from __future__ import annotations

from pathlib import Path

#: The page icon, shipped with the package: a ``:material/…:`` icon would make every
#: browser fetch it from a font CDN.
PAGE_ICON = Path(__file__).parent / "static" / "favicon.png"


def keep_offline() -> None:
    """Stop Streamlit from looking up this server's external and LAN addresses.

    Streamlit compares a cross-origin WebSocket's ``Origin`` with the server's addresses
    and, to know its external one, asks an outside web service (again after every
    failed lookup, i.e. on every such connection of an offline server). The app binds
    to this host only and is reached through a reverse proxy that keeps the origin
    same-site, so neither address is needed: both are recorded as unknown (an empty
    string, which no origin matches), and foreign origins stay refused.
    """
    from streamlit import net_util

    net_util._external_ip = ""
    net_util._internal_ip = ""
