"""Readers, installed as ``outreach.imports``: bytes in, validated rows plus warnings out.

One subpackage or module per kind of input file:

- ``tabular``: what every spreadsheet reader shares (encodings, delimiters, the header found by
  its content, one file-kind policy for .csv/.xlsx/.xlsm/.ods);
- ``linkedin/``: the LinkedIn data export (zip, folder or single file; every generation of
  Connections.csv, messages.csv and Invitations.csv);
- ``targets``: the user's target-employer spreadsheets;
- ``groups/``: a catalogue of networking groups.

Nothing here touches the workspace (no SQL), imports Click or prints, and no rule that the rest
of the package needs lives here: a reader may import ``outreach.errors``, ``outreach.identity``
and the domain modules that own a rule it applies while reading (``outreach.groups.schedule``),
never the other way round.

The repository keeps this folder at its top level; ``outreach/imports`` is a link to it, so the
installed distribution ships it inside ``outreach`` and claims no top-level ``imports`` name.
"""
