"""The Click groups, the shared context object, and the one place errors become exit codes.

Only the ``outreach.cli`` package imports Click. Command bodies import the library (and with it
pandas, openpyxl, networkx) inside the function, so ``outreach --help`` answers at once.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import click

from outreach import __version__
from outreach.cli._text import shown, terminal_safe_json
from outreach.errors import OutreachError

F = TypeVar("F", bound=Callable[..., Any])

#: Exit code for a bug in outreach itself (EX_SOFTWARE), as opposed to bad input (1).
EXIT_INTERNAL = 70


@dataclass
class App:
    """What every command gets: where the workspace is, and a lazily opened connection."""

    workspace: Path
    _conn: sqlite3.Connection | None = field(default=None, repr=False)

    def connect(self, *, create: bool = True) -> sqlite3.Connection:
        """Open the workspace. Read-only commands pass create=False so they never make one."""
        if self._conn is None:
            from outreach.store import open_workspace

            self._conn = open_workspace(self.workspace, create=create)
        return self._conn

    @contextmanager
    def connect_for_import(self) -> Iterator[sqlite3.Connection]:
        """Open the workspace for an import that may still fail after opening it: a workspace
        made here is removed again if it does (see ``store.opened_for_import``)."""
        from outreach.store import opened_for_import

        with opened_for_import(self.workspace) as conn:
            self._conn = conn
            try:
                yield conn
            except BaseException:
                self._conn = None  # closed by opened_for_import
                raise

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


pass_app = click.make_pass_decorator(App)


class _UsageLine(click.ClickException):
    exit_code = 2  # a usage error, as Click's own


def usage_line(exc: click.UsageError) -> click.ClickException:
    """A usage error as one line saying what is wrong and what to do, instead of Click's three
    or four (Usage:, Try ..., a blank line, Error:); still exit 2.

    "no such option --fro (try --force or --top; see outreach plan -h)"
    """
    where = f"see {exc.ctx.command_path} -h" if exc.ctx is not None else "see outreach -h"
    if isinstance(exc, (click.exceptions.NoSuchOption, click.exceptions.NoSuchCommand)):
        kind = (f"option {exc.option_name}" if isinstance(exc, click.exceptions.NoSuchOption)
                else f"command {exc.command_name}")
        tries = " or ".join(exc.possibilities or [])
        line = f"no such {kind} ({f'try {tries}; ' if tries else ''}{where})"
    else:
        said = " ".join(exc.format_message().split()).rstrip(".")
        if said[:2].istitle():  # "Missing argument" -> "missing argument", not "URL" -> "uRL"
            said = said[0].lower() + said[1:]
        line = f"{said} ({where})"
    return _UsageLine(shown(line))


class OutreachGroup(click.Group):
    """Turns library errors into one line on stderr and a non-zero exit; never a traceback."""

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise  # the help, as Click shows it
        except click.UsageError as exc:  # `outreach --bogus`
            raise usage_line(exc) from exc

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:  # a subcommand's options, arguments, or its name
            raise usage_line(exc) from exc
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except OutreachError as exc:
            click.echo(shown(f"Error: {exc}"), err=True)  # one line, even when the message quotes a file
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted: nothing was changed by the unfinished step.", err=True)
            ctx.exit(130)
        except sqlite3.Error as exc:  # locked, disk full, read-only, damaged: said in one line
            from outreach.store import database_path, workspace_error

            app = ctx.find_object(App)
            said = workspace_error(exc, database_path(app.workspace) if app else Path("outreach.db"))
            if said is None:  # not the workspace's trouble: a bug, reported as one
                return self._internal(ctx, exc)
            click.echo(shown(f"Error: {said}"), err=True)
            ctx.exit(1)
        except BrokenPipeError:
            # `outreach contacts | head`: the reader left; say nothing (Python docs' recipe).
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(1)
        except OSError as exc:
            if os.environ.get("OUTREACH_DEBUG"):
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(shown(f"Error: {where}{exc.strerror or exc}"), err=True)
            ctx.exit(1)
        except Exception as exc:  # a bug in outreach: still one line, with a way to see more
            return self._internal(ctx, exc)

    @staticmethod
    def _internal(ctx: click.Context, exc: Exception) -> Any:
        if os.environ.get("OUTREACH_DEBUG"):
            raise exc
        click.echo(shown(
            f"Error: internal error ({type(exc).__name__}: {exc}). This is a bug in "
            "outreach; run again with OUTREACH_DEBUG=1 for details and report it."
        ), err=True)
        ctx.exit(EXIT_INTERNAL)


CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=OutreachGroup, context_settings=CONTEXT_SETTINGS)
@click.option(
    "--workspace",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="OUTREACH_WORKSPACE",
    show_envvar=True,
    help="Folder holding the workspace database. Default: your per-user data folder.",
)
@click.version_option(__version__, "--version", prog_name="outreach")
@click.pass_context
def cli(ctx: click.Context, workspace: Path | None) -> None:
    """Turn your LinkedIn network and a list of target employers into an outreach plan.

    Everything runs on this computer; nothing is sent anywhere.

    \b
    Example:
        outreach import linkedin ~/Downloads/Basic_LinkedInDataExport_01-15-2026.zip
        outreach import targets targets.xlsx
        outreach plan -o outreach-plan.xlsx
    """
    if workspace is None:
        from outreach.store import default_workspace

        workspace = default_workspace()
    app = App(workspace=workspace)
    ctx.obj = app
    ctx.call_on_close(app.close)


@cli.group("import", cls=OutreachGroup)
def import_group() -> None:
    """Import a LinkedIn export, target employers, or a catalogue of networking groups.

    \b
    Example:
        outreach import linkedin Basic_LinkedInDataExport_01-15-2026.zip
    """


def echo(text: str = "", *, err: bool = False) -> None:
    """Print lines of text that may hold the user's data: each line through ``_text.shown``, so
    that no control or escape character from a file reaches the terminal as itself."""
    click.echo("\n".join(shown(line) for line in text.split("\n")), err=err)


def echo_json(value: Any) -> None:
    """Print JSON for scripts: UTF-8, not ASCII-escaped, stable key order as given."""
    click.echo(terminal_safe_json(json.dumps(value, ensure_ascii=False, indent=2, default=str)))


@contextmanager
def progress(label: str, total: int) -> Iterator[Callable[[int], None]]:
    """A progress callback for the library: a bar on an interactive terminal, silent otherwise.

    Yields ``advance(n)``. Tests and pipes never see a bar because stderr is not a TTY there.
    """
    if not sys.stderr.isatty() or total <= 0:
        yield lambda n: None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield bar.update
