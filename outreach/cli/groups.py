"""Commands for groups (see the matching library module)."""

from __future__ import annotations
