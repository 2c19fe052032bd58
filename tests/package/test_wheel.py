"""The installable package: a wheel built from the checkout and installed in a fresh virtual
environment ranks the bundled catalogue and serves the app, from a folder outside the checkout.

No download: the wheel is built without build isolation and installed without its
dependencies, which the new environment borrows from this one's site-packages.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.servers import serving

ROOT = Path(__file__).resolve().parents[2]
#: What the wheel is built from (the rest of the checkout is not part of the package).
SOURCES = ("erp_select", "criteria", "vendors", ".streamlit")
FILES = ("setup.py", "pyproject.toml", "README.md", "LICENSE")


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _clean_env() -> dict[str, str]:
    """This environment without PYTHONPATH: the checkout must not be importable."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment holding the wheel of this checkout; returns its bin/."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    for name in SOURCES:
        shutil.copytree(
            ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    for name in FILES:
        shutil.copy2(ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    _run(
        [
            *pip,
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            "dist",
            "./source",
        ],
        work,
    )
    (wheel,) = (work / "dist").glob("erp_select-*.whl")
    _run([sys.executable, "-m", "venv", "--without-pip", "venv"], work)
    target = work / "venv"
    python = target / "bin" / "python"
    inner = _run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], work
    )
    # The dependencies come from this environment (a path line in a .pth file): its own
    # .pth files, such as an editable install of erp_select, are not processed.
    outer = [p for p in site.getsitepackages() if Path(p).is_dir()]
    (Path(inner.strip()) / "outer-packages.pth").write_text("\n".join(outer) + "\n")
    _run([*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)], work)
    return target / "bin"


def _bundled_vendor_names() -> set[str]:
    """The vendor names of the checkout's vendor files (an independent read of the YAML)."""
    return {
        str(yaml.safe_load(p.read_text(encoding="utf-8"))["name"])
        for p in (ROOT / "vendors").glob("*.yaml")
    }


def test_the_package_is_imported_from_the_wheel(venv: Path, tmp_path: Path) -> None:
    code = (
        "import erp_select.app.main as m, erp_select.bundled as b\n"
        "print(m.__file__)\nprint(b.folder('criteria'))\nprint(b.folder('streamlit'))"
    )
    out = _run([str(venv / "python"), "-c", code], tmp_path, _clean_env()).splitlines()
    assert all(Path(line).is_relative_to(venv.parent) for line in out), out


def test_rank_uses_the_bundled_catalogue_outside_the_checkout(venv: Path, tmp_path: Path) -> None:
    out = _run([str(venv / "erp-select"), "--lang", "fr", "rank"], tmp_path, _clean_env())
    names = _bundled_vendor_names()
    shown = {name for name in names if name in out}
    assert shown == names, sorted(names - shown)
    assert list(tmp_path.iterdir()) == []  # ranking writes nothing


def test_the_app_starts_outside_the_checkout(venv: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    env: dict[str, str | None] = {"PYTHONPATH": None, "ERP_SELECT_DATA_DIR": str(tmp_path / "data")}
    with serving(tmp_path, env, command=[str(venv / "erp-select"), "app"], cwd=outside) as url:
        assert url.startswith("http://127.0.0.1:")
