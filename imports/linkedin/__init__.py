"""The LinkedIn data export, read: ``export.read_export`` is the one entry point.

- ``files``: find the members of a zip, a folder or a single file, by base name;
- ``csvfile``: a member's bytes to a table (header by content, Excel re-saves);
- ``recognise``: whether a table another import was given is a LinkedIn file (so that
  ``import targets`` and ``import groups`` refuse it, naming ``import linkedin``);
- ``connections``, ``messages``, ``invitations``: one reader per file, every generation;
- ``coded``: the fast path for a plain UTF-8 messages.csv (pyarrow, numpy codes);
- ``stats``: the per-person message statistics a messages reader returns;
- ``values``: cell values (dates, e-mail addresses). Person identity (profile URLs, names)
  is ``outreach.identity``'s.
"""
