"""Exceptions the library raises. The CLI turns each into one line on stderr."""

from __future__ import annotations


class OutreachError(Exception):
    """An error the user can act on. The message says what is wrong and what to do."""

    exit_code = 1


class InputError(OutreachError):
    """An input file that cannot be read or is not what it claims to be."""


class WorkspaceError(OutreachError):
    """The workspace database cannot be opened, is too new, or is corrupt."""


class WorkbookError(OutreachError):
    """An existing workbook cannot be read back safely, or the new one cannot be written."""
