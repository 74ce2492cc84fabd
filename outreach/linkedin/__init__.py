"""A LinkedIn import applied to the workspace, and the contacts read back.

- ``apply``: one transaction per import: contacts (one row per person and owner, keyed by
  ``outreach.identity``), job changes (compared by ``outreach.companies.knowledge.company_key``),
  message statistics, owners;
- ``owners``: whose export it is (the user's own or a friend's), and the owners' LinkedIn identity;
- ``contacts``: the people at a company, for ``outreach contacts``.

Readers live in ``outreach.imports.linkedin``; this package never parses a file.
"""
