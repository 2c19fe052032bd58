"""Without ERP_SELECT_SECRET_KEY the store makes one random key and keeps it private."""

from __future__ import annotations

import stat
from pathlib import Path

from erp_select.store.settings import SECRET_FILE, load_settings


def test_a_random_key_is_made_once_beside_the_database(tmp_path: Path) -> None:
    env = {"ERP_SELECT_DATABASE_URL": f"sqlite:///{(tmp_path / 'db' / 'x.db').as_posix()}"}
    first = load_settings(env).secret_key
    assert len(first) == 64 and int(first, 16) >= 0
    assert load_settings(env).secret_key == first  # kept, not remade
    key_file = tmp_path / "db" / SECRET_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    other = {"ERP_SELECT_DATABASE_URL": f"sqlite:///{(tmp_path / 'y.db').as_posix()}"}
    assert load_settings(other).secret_key != first


def test_an_explicit_key_wins_and_writes_nothing(tmp_path: Path) -> None:
    env = {
        "ERP_SELECT_DATABASE_URL": f"sqlite:///{(tmp_path / 'x.db').as_posix()}",
        "ERP_SELECT_SECRET_KEY": "s3cret",
    }
    assert load_settings(env).secret_key == "s3cret"
    assert not (tmp_path / SECRET_FILE).exists()


def test_an_unwritable_folder_falls_back_without_failing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    env = {"ERP_SELECT_DATABASE_URL": f"sqlite:///{(blocker / 'x.db').as_posix()}"}
    assert load_settings(env).secret_key == ""
