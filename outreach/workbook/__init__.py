"""The plan workbook: a safe .xlsx writer and the read-back of what the user typed.

- ``spec``: Column, ListSheet, SummarySheet, Edits (plain dataclasses; they import nothing);
- ``files``: ``write_workbook``, and the atomic save;
- ``merge``: the user's edits merged into the new rows (pure Python);
- ``cells``: the value rules (clean text, safe links, quotePrefix) and the shared styles;
- ``sheets``: the summary and list sheets laid out with openpyxl;
- ``rows``: list-sheet rows written as XML and spliced into openpyxl's output;
- ``package``: reading a workbook's zip safely (no DOCTYPE, size limits, error cells);
- ``read``: ``read_edits``, the user's edits read back with python-calamine (no openpyxl).
"""
