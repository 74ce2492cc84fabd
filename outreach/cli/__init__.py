"""The command-line interface. Each area's commands live in their own module."""

from __future__ import annotations

from outreach.cli import groups, linkedin, plan, profile, targets  # noqa: F401  (registers commands)
from outreach.cli._app import cli


def main() -> None:
    cli(prog_name="outreach")


__all__ = ["cli", "main"]
