"""The wheel a user installs: built offline from the repository as it is, it holds the whole
package (the readers of the top-level ``imports/`` folder as ``outreach.imports``), its SQL
migrations and data files, and nothing else at the top level; installed, ``outreach`` runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent
# Everything but what is not source: history, the venv, caches and earlier builds.
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__",
                                    ".*_cache", ".hypothesis")


def python_files(folder: Path) -> set[str]:
    """The .py files under ``folder``, relative to it; links to folders are not followed."""
    found = set()
    for root, _dirs, files in os.walk(folder):
        found.update((Path(root) / f).relative_to(folder).as_posix() for f in files
                     if f.endswith(".py"))
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(a copy of the repository, the wheel built from it). The copy keeps other test runs and
    people working in the repository out of the build's way (setuptools writes build/ there)."""
    major, minor = (int(n) for n in version("setuptools").split(".")[:2])
    assert (major, minor) >= (70, 1), (
        f"setuptools {version('setuptools')} cannot build a wheel without the wheel package: "
        "install the test requirements (pip install -e '.[test]')")
    folder = tmp_path_factory.mktemp("packaging")
    source = folder / "source"
    shutil.copytree(REPO, source, symlinks=True, ignore=NOT_SOURCE)
    assert (source / "outreach" / "imports").is_symlink()
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--quiet", "--wheel-dir", str(folder / "dist"), str(source)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = (folder / "dist").glob("outreach-*.whl")
    return source, wheel


def test_the_wheel_holds_the_package_and_nothing_else(built):
    source, wheel = built
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    version_ = wheel.name.split("-")[1]
    assert {n.split("/")[0] for n in names} == {"outreach", f"outreach-{version_}.dist-info"}

    expected = {f"outreach/{p}" for p in python_files(source / "outreach")}
    expected |= {f"outreach/imports/{p}" for p in python_files(source / "imports")}
    assert len(expected) > 50 and "outreach/imports/linkedin/export.py" in expected
    assert sorted(expected - names) == []
    assert sorted(n for n in names if n.endswith(".py")) == sorted(expected)

    for folder, pattern in (("migrations", "*.sql"), ("data", "*")):
        files = {f"outreach/{folder}/{p.name}" for p in (source / "outreach" / folder).glob(pattern)
                 if p.is_file()}
        assert files, f"no outreach/{folder}/{pattern} in the repository"
        assert sorted(files - names) == [], f"outreach/{folder} files missing from the wheel"


def test_the_installed_wheel_runs(built, tmp_path):
    """Installed on its own (no repository on the path), it answers --help and imports an
    export into a workspace: its migrations and data files are found where it is installed."""
    _, wheel = built
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet",
         "--target", str(target), str(wheel)],
        check=True, capture_output=True, timeout=300,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("OUTREACH_WORKSPACE", None)
    script = target / "bin" / "outreach"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, str(script), *args], capture_output=True,
                              text=True, env=env, cwd=tmp_path, timeout=120)

    where = subprocess.run(
        [sys.executable, "-c", "import outreach.imports.tabular as t, outreach.store as s; "
         "print(t.__file__); print(s.__file__)"],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
    assert all(Path(line).is_relative_to(target) for line in where.stdout.split()), where.stdout

    helped = run("--help")
    assert helped.returncode == 0, helped.stderr
    assert "Usage: outreach" in helped.stdout and "import" in helped.stdout

    connections = tmp_path / "Connections.csv"
    connections.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Jane,Doe,https://www.linkedin.com/in/jane-doe-1a2b3c,,Acme Corp,Senior Engineer,"
        "14 Dec 2024\n", encoding="utf-8")
    imported = run("--workspace", str(tmp_path / "ws"), "import", "linkedin", str(connections))
    assert imported.returncode == 0, imported.stderr
    listed = run("--workspace", str(tmp_path / "ws"), "contacts", "Acme")
    assert listed.returncode == 0, listed.stderr
    assert "Jane Doe" in listed.stdout
