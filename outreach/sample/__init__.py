"""The deterministic synthetic-data generator, a developer tool: ``python -m outreach.sample``.

``write`` writes ``sample_data/`` (small) or the benchmark inputs (``--large``); ``people``,
``companies``, ``messages``, ``small`` and ``large`` build the rows; ``packaging`` turns them
into byte-identical CSV, zip and xlsx files.
"""
