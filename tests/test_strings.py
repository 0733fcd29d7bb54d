"""The learner strings: built-in catalogs that no caller can change for another, fallbacks."""

from __future__ import annotations

import pytest

from scormbuild.strings import CATALOGS, FALLBACK, Catalog, known_keys, load_catalog


def test_the_built_in_catalogs_are_read_only() -> None:
    fi = load_catalog("fi")
    before = dict(fi)
    with pytest.raises(TypeError):
        fi["progress"] = "changed"  # type: ignore[index]
    with pytest.raises(TypeError):
        CATALOGS["fi"] = {}  # type: ignore[index]
    assert dict(load_catalog("fi")) == before
    assert load_catalog("fi")["progress"] != "changed"


def test_a_catalog_changed_or_overridden_leaves_the_next_one_alone() -> None:
    first = Catalog("fi", [("progress", "{done} / {total} (course's own)")])
    assert first("progress", done=1, total=3) == "1 / 3 (course's own)"
    first.strings["next"] = "changed"
    second = Catalog("fi")
    assert second("progress", done=1, total=3) == load_catalog("fi")["progress"].replace(
        "{done}", "1"
    ).replace("{total}", "3")
    assert second("next") == load_catalog("fi")["next"] != "changed"


def test_a_region_subtag_reads_its_language_and_others_fall_back_to_english() -> None:
    assert load_catalog("sv-FI") is load_catalog("sv")
    assert dict(load_catalog("de")) == {}
    assert Catalog("de")("progress", done=2, total=5) == "2/5 sections"
    assert set(Catalog("de").strings) == set(load_catalog(FALLBACK)) == known_keys()


def test_fi_and_sv_define_every_english_key() -> None:
    assert sorted(CATALOGS) == ["en", "fi", "sv"]
    for lang in ("fi", "sv"):
        assert set(CATALOGS[lang]) == known_keys(), lang
