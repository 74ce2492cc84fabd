"""Readers: one file in, a validated pandas DataFrame plus warnings out.

Nothing here touches the workspace, imports Click, or prints.
"""
