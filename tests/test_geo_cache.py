"""City look-ups are remembered on disk, so a weekly plan does not reload every city."""

from __future__ import annotations

import json

from outreach import geo


def test_locate_remembers_answers_between_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("OUTREACH_CACHE_DIR", str(tmp_path))
    geo.locate.cache_clear()
    geo._disk_cache.cache_clear()
    austin = geo.locate("Austin, TX")
    assert austin is not None and austin.region == "TX"
    assert geo.locate("Nowhere-in-particular, ZZ") is None
    saved = json.loads(next(tmp_path.glob("places-*.json")).read_text("utf-8"))
    assert saved["Austin, TX"]["name"] == "Austin" and saved["Nowhere-in-particular, ZZ"] is None

    # A new run (fresh in-memory caches) answers from disk without the city index.
    geo.locate.cache_clear()
    geo._disk_cache.cache_clear()

    def no_index(text):
        raise AssertionError("the city index should not be needed")

    monkeypatch.setattr(geo, "_locate", no_index)
    assert geo.locate("Austin, TX") == austin
    assert geo.locate("Nowhere-in-particular, ZZ") is None
    geo.locate.cache_clear()
    geo._disk_cache.cache_clear()


def test_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("OUTREACH_CACHE_DIR", str(blocker / "sub"))
    geo.locate.cache_clear()
    geo._disk_cache.cache_clear()
    assert geo.locate("Dallas, TX") is not None
    geo.locate.cache_clear()
    geo._disk_cache.cache_clear()
