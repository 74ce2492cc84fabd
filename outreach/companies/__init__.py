"""Company identity: which employer a company string names, and who works at each target.

- ``names``: ``normalise_company`` and ``company_key``, the one rule for "the same employer"
  (legal forms, punctuation, diacritics, placeholders), and the built-in alias table;
- ``aliases``: the user's own renames (``outreach alias``);
- ``index``: the pure matcher (tiers exact, alias, strong, review: ``outreach.models.TIERS``);
- ``matching``: contacts against targets in the workspace, with caches and review decisions;
- ``review``: the near misses the user accepts or rejects.

May import ``outreach.errors``, ``models``, ``store`` and ``runtime``; nothing of the plan.
"""
