"""Commands for plan (see the matching library module)."""

from __future__ import annotations
