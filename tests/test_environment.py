"""The program's settings: one model for every ``ERP_SELECT_*`` variable, read in one place."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from erp_select import environment
from erp_select.errors import InputError
from erp_select.i18n import has_key
from erp_select.settings import VARIABLES, Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
READER = ROOT / "erp_select" / "environment.py"
# Still reading os.environ, owned by another room: the store's gate overrides the URL of
# the environment (``load_settings({**os.environ, URL: url})``); to become
# ``environment.values()`` when the store is next changed.
KNOWN = {"erp_select/store/db.py"}


def _readme_variables() -> list[str]:
    """The variables of the README's settings table (its first column), in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Settings (environment variables)", 1)[1].split("\n#", 1)[0]
    return re.findall(r"^\| `(ERP_SELECT_\w+)` \|", section, flags=re.MULTILINE)


def test_the_readme_lists_exactly_the_variables_the_program_reads() -> None:
    listed = _readme_variables()
    assert sorted(listed) == sorted(VARIABLES.values())
    assert len(listed) == len(set(listed))


def test_only_the_environment_module_reads_the_environment() -> None:
    offenders = []
    for path in sorted((ROOT / "erp_select").rglob("*.py")):
        if path == READER or path.relative_to(ROOT).as_posix() in KNOWN:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
            if name in ("environ", "getenv", "environb", "getenvb"):
                offenders.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}")
    assert offenders == []


def test_every_variable_is_named_from_its_field() -> None:
    assert VARIABLES["lang"] == "ERP_SELECT_LANG"
    assert VARIABLES["db_busy_timeout_ms"] == "ERP_SELECT_DB_BUSY_TIMEOUT_MS"
    assert set(VARIABLES) == set(Settings.model_fields)


def test_unset_and_blank_variables_take_the_defaults() -> None:
    blank = {name: "  " for name in VARIABLES.values() if name != "ERP_SELECT_SECRET_KEY"}
    assert load_settings(blank) == Settings() == load_settings({})
    assert Settings().start == "demo" and Settings().report_workers is None


@pytest.mark.parametrize(
    ("variable", "raw", "field", "expected"),
    [
        ("ERP_SELECT_LANG", "EN", "lang", "en"),
        ("ERP_SELECT_LANG", "fr_FR.UTF-8", "lang", "fr"),
        ("ERP_SELECT_NO_STORE", "1", "no_store", True),
        ("ERP_SELECT_NO_STORE", "0", "no_store", False),
        ("ERP_SELECT_START", " Empty ", "start", "empty"),
        ("ERP_SELECT_LOG_LEVEL", "debug", "log_level", "DEBUG"),
        ("ERP_SELECT_LOG_LEVEL", "warn", "log_level", "WARNING"),
        ("ERP_SELECT_REPORT_WORKERS", "0", "report_workers", 0),
        ("ERP_SELECT_DB_BUSY_TIMEOUT_MS", "1500", "db_busy_timeout_ms", 1500),
        ("ERP_SELECT_DATA_DIR", " /srv/erp ", "data_dir", Path("/srv/erp")),
        ("ERP_SELECT_SECRET_KEY", " k ", "secret_key", " k "),
    ],
)
def test_values_are_read_exactly(variable: str, raw: str, field: str, expected: object) -> None:
    assert getattr(load_settings({variable: raw}), field) == expected


@pytest.mark.parametrize(
    ("variable", "raw", "fr", "en"),
    [
        ("ERP_SELECT_LANG", "de", "fr ou en", "fr or en"),
        ("ERP_SELECT_NO_STORE", "peut-être", "1 (oui) ou 0 (non)", "1 (yes) or 0 (no)"),
        ("ERP_SELECT_START", "blank", "demo", "demo"),
        ("ERP_SELECT_LOG_LEVEL", "loud", "DEBUG, INFO", "DEBUG, INFO"),
        ("ERP_SELECT_REPORT_WORKERS", "65", "de 0 à 64", "from 0 to 64"),
        ("ERP_SELECT_JOIN_MAX_FAILURES", "0", "entier", "whole number"),
        ("ERP_SELECT_JOIN_WINDOW_SECONDS", "1.5", "entier", "whole number"),
        ("ERP_SELECT_DB_BUSY_TIMEOUT_MS", "-1", "entier", "whole number"),
    ],
)
def test_a_bad_value_is_refused_with_a_located_message(
    variable: str, raw: str, fr: str, en: str
) -> None:
    with pytest.raises(InputError) as err:
        load_settings({variable: raw, "ERP_SELECT_LANG_UNKNOWN": "ignored"})
    (problem,) = err.value.problems
    assert problem.field == variable and problem.value == raw.strip()
    assert has_key(problem.rule)
    french, english = problem.render("fr"), problem.render("en")
    assert variable in french and raw.strip() in french and fr in french
    assert variable in english and raw.strip() in english and en in english


def test_every_bad_variable_is_reported_at_once() -> None:
    with pytest.raises(InputError) as err:
        load_settings({"ERP_SELECT_LANG": "de", "ERP_SELECT_START": "x"})
    assert [p.field for p in err.value.problems] == ["ERP_SELECT_LANG", "ERP_SELECT_START"]


def test_messages_fall_back_to_english_on_a_language_they_cannot_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The catalogues never fail: the program's start refuses the value with a message.
    monkeypatch.setenv("ERP_SELECT_LANG", "de")
    assert environment.default_lang() is None
    monkeypatch.setenv("ERP_SELECT_LANG", "fr_CA")
    assert environment.default_lang() == "fr"
