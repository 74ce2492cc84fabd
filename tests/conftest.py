from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from outreach.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE_DATA = Path(__file__).parent.parent / "sample_data"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return tmp_path / "ws"


@pytest.fixture
def run(workspace: Path):
    """Run the CLI against a fresh workspace: run("import", "linkedin", path)."""
    runner = CliRunner()

    def _run(*args: str, input: str | None = None):
        return runner.invoke(cli, ["--workspace", str(workspace), *map(str, args)], input=input)

    return _run


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """Tests never write to the real per-user cache folder."""
    import os

    os.environ["OUTREACH_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
