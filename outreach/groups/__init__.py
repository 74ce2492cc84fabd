"""Networking groups: which local groups are worth the user's limited hours.

- ``schedule``: what "weekly", "1st and 3rd Thursday" or "90 min" mean (used by the reader too);
- ``store``: the catalogue in the workspace;
- ``geo``: places and distances, offline;
- ``scoring``: one group scored against the user's profile (the seed article's five points);
- ``recommend``: the recommendations under a time budget, and the plan's Groups sheet;
- ``calendar``: the next meetings as an .ics file.
"""
