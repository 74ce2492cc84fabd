"""The plan workbook: a safe .xlsx writer and the read-back of what the user typed.

- ``spec``: Column, ListSheet, SummarySheet, Edits, Written (plain dataclasses);
- ``files``: ``write_workbook``, and the atomic save (through a symbolic link);
- ``changes``: what the user changed, against what the plan remembers writing (``compare``),
  and what a re-plan read back (``read_back``);
- ``merge``: the user's edits merged into the new rows (pure Python);
- ``values``: the value rules (clean text, safe links, quotePrefix, a cell's value as read back);
- ``styles``: the shared cell styles;
- ``sheets``: the summary, list sheets and the user's own sheets laid out with openpyxl;
- ``rows``: list-sheet rows written as XML and spliced into openpyxl's output;
- ``books``: the workbooks edits are read from (.xlsx, or an .ods the user saved the plan as);
- ``package``: reading a workbook's zip safely (no DOCTYPE, size limits, error cells, formulas,
  comments);
- ``read``: ``read_edits``, the user's edits read back with python-calamine (no openpyxl).
"""
