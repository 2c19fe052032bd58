"""The ``erp-select`` command: ``erp-select app`` starts the app; other commands are the CLI's."""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

from erp_select.bundled import folder
from erp_select.catalogue import DEFAULT_CRITERIA_FILE, VENDORS_DIR
from erp_select.cli import run as run_cli
from erp_select.errors import InputError
from erp_select.i18n import normalise_lang
from erp_select.settings import load_settings

#: The app's page script (run by Streamlit, never imported here: the core has no Streamlit).
APP_SCRIPT = Path(__file__).resolve().parent / "app" / "main.py"
EXIT_INVALID = 2
_SOURCES = ("--project", "--criteria")


def _option(args: Sequence[str], name: str) -> str | None:
    """The value of a top-level option (``--lang fr`` or ``--lang=fr``) before the command."""
    for i, arg in enumerate(args):
        if arg == name and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def _command(args: Sequence[str]) -> int | None:
    """The position of the command word (the first argument that is not a global option)."""
    skip = False
    for i, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("-"):
            return i
    return None


def _names(arg: str, options: Sequence[str]) -> bool:
    """True when ``arg`` is one of ``options`` or an abbreviation argparse would accept."""
    name = arg.split("=", 1)[0]
    return len(name) > 2 and any(option.startswith(name) for option in options)


def with_bundled_catalogue(args: Sequence[str]) -> list[str]:
    """``rank`` arguments that rank the bundled catalogue when no file is named.

    Without ``--project`` or ``--criteria``, the bundled criteria tree is used, with the
    bundled vendors unless ``--vendors`` names others.
    """
    out = list(args)
    if any(_names(arg, _SOURCES) for arg in args):
        return out
    out += ["--criteria", str(DEFAULT_CRITERIA_FILE)]
    if not any(_names(arg, ("--vendors",)) for arg in args):
        out += ["--vendors", str(VENDORS_DIR)]
    return out


def streamlit_options() -> list[str]:
    """The bundled Streamlit configuration as command-line options (valid from any folder)."""
    config = tomllib.loads((folder("streamlit") / "config.toml").read_text(encoding="utf-8"))
    options: list[str] = []
    for section, values in config.items():
        for key, value in values.items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            options.append(f"--{section}.{key}={text}")
    return options


def app_command(args: Sequence[str]) -> list[str]:
    """The command that serves the app; ``args`` (Streamlit options) override the bundled ones."""
    return [sys.executable, "-m", "streamlit", "run", *streamlit_options(), *args, str(APP_SCRIPT)]


def run(argv: Sequence[str] | None = None) -> int:
    """Check the settings, then start the app or run a CLI command; return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        load_settings()
    except InputError as exc:
        sys.stderr.write(exc.render(normalise_lang(_option(args, "--lang"))) + "\n")
        return EXIT_INVALID
    at = _command(args)
    if at is not None and args[at] == "app":
        command = app_command(args[at + 1 :])
        os.execv(command[0], command)  # noqa: S606 - this interpreter, fixed arguments
    if at is not None and args[at] == "rank":
        args = [*args[: at + 1], *with_bundled_catalogue(args[at + 1 :])]
    return run_cli(args)


def main() -> None:
    """Console-script entry point."""
    sys.exit(run())
