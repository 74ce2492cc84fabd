from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from outreach.cli import cli

# CI runs the same examples every time (a new random failure belongs in a developer's run, with
# its example added as a test); a developer's run explores new ones.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

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


def insert_contacts(conn, companies: list[str]) -> None:
    """One of the user's contacts per company (Person0 Doe, Person1 Doe, ...), straight into SQL."""
    for number, company in enumerate(companies):
        conn.execute(
            "INSERT INTO contacts (owner_id, person_key, first_name, last_name, profile_url, "
            "company, position, first_seen_on, last_seen_on) VALUES (1, ?, ?, 'Doe', ?, ?, "
            "'Engineer', '2026-01-01', '2026-01-01')",
            (f"www.linkedin.com/in/p{number}", f"Person{number}",
             f"https://www.linkedin.com/in/p{number}", company),
        )
