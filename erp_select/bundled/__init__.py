"""Where the bundled catalogue lives: inside the installed package, else in the checkout."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

Folder = Literal["criteria", "vendors", "streamlit"]

_HERE = Path(__file__).resolve().parent
# The checkout's folders; ``setup.py`` copies each into this package as ``<name>/``.
_CHECKOUT = {"criteria": "criteria", "vendors": "vendors", "streamlit": ".streamlit"}


def folder(name: Folder) -> Path:
    """The folder of bundled files ``name``: in the installed wheel, or the checkout's."""
    packaged = _HERE / name
    return packaged if packaged.is_dir() else _HERE.parent.parent / _CHECKOUT[name]
