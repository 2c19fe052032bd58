"""Without ERP_SELECT_SECRET_KEY the store makes one random key and keeps it private."""

from __future__ import annotations

import logging
import os
import stat
import threading
from pathlib import Path

import pytest

from erp_select.errors import InputError
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


def test_an_unwritable_folder_is_refused_with_a_warning_in_the_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Issue 15: hashing codes with no key is not an option; the operator is told why.
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    env = {"ERP_SELECT_DATABASE_URL": f"sqlite:///{(blocker / 'x.db').as_posix()}"}
    with (
        caplog.at_level(logging.WARNING, logger="erp_select.store.settings"),
        pytest.raises(InputError) as err,
    ):
        load_settings(env)
    assert err.value.problems[0].rule == "recover.secret_unwritable"
    assert err.value.problems[0].field == "ERP_SELECT_SECRET_KEY"
    assert "ERP_SELECT_SECRET_KEY" in err.value.lines("fr")[0]
    assert any("cannot write the secret key" in r.getMessage() for r in caplog.records)


def test_an_empty_key_file_is_refused(tmp_path: Path) -> None:
    # What a second process saw when the first had created the file but not yet written it.
    (tmp_path / SECRET_FILE).write_text("", encoding="ascii")
    env = {"ERP_SELECT_DATABASE_URL": f"sqlite:///{(tmp_path / 'x.db').as_posix()}"}
    with pytest.raises(InputError) as err:
        load_settings(env)
    assert err.value.problems[0].rule == "recover.secret_empty"


def test_the_key_file_never_exists_without_its_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whenever the final name appears, the whole key is already in it.
    seen: list[str] = []
    real_link = os.link

    def watching_link(src: str, dst: str) -> None:
        seen.append(Path(src).read_text(encoding="ascii"))
        real_link(src, dst)

    monkeypatch.setattr(os, "link", watching_link)
    env = {"ERP_SELECT_DATABASE_URL": f"sqlite:///{(tmp_path / 'x.db').as_posix()}"}
    key = load_settings(env).secret_key
    assert seen == [key] and len(key) == 64
    assert sorted(p.name for p in tmp_path.iterdir()) == [SECRET_FILE]  # no temporary left


def test_processes_starting_together_share_one_key(tmp_path: Path) -> None:
    env = {"ERP_SELECT_DATABASE_URL": f"sqlite:///{(tmp_path / 'x.db').as_posix()}"}
    barrier = threading.Barrier(8)
    keys: list[str] = []

    def start() -> None:
        barrier.wait()
        keys.append(load_settings(env).secret_key)

    threads = [threading.Thread(target=start) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(keys) == 8 and len(set(keys)) == 1 and len(keys[0]) == 64
    assert (tmp_path / SECRET_FILE).read_text(encoding="ascii") == keys[0]
