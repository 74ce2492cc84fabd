"""Company identity: which employer a company string names, and who works at each target.

- ``names``: ``normalise_company``, one key per name (legal forms, punctuation, diacritics,
  placeholders);
- ``knowledge``: the company knowledge table (``outreach/data/companies/*.csv``: which names
  count for which employer, since and until when, and why) and ``company_key``, the one rule
  for "the same employer";
- ``aliases``: the user's own renames (``outreach alias``);
- ``index``: the pure matcher (tiers exact, alias, strong, review: ``outreach.models.TIERS``);
- ``matching``: contacts against targets in the workspace, with caches and review decisions;
- ``review``: the near misses the user accepts or rejects.

May import ``outreach.errors``, ``models``, ``store`` and ``runtime``; nothing of the plan.
"""
