"""A catalogue of networking groups (CSV or spreadsheet), read: ``read.read_groups``.

``columns`` maps a catalogue's headers to its fields (and tells a catalogue from other files);
``fields`` reads costs, visitor rules, contracts and salary ranges from free text; the meaning
of a schedule ("1st and 3rd Thursday") belongs to ``outreach.groups.schedule``.
"""
