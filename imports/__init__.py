"""Readers: one file in, validated rows (a DataFrame, or plain lists where speed matters) plus
warnings out.

Nothing here touches the workspace, imports Click, or prints.
"""
