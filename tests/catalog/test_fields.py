"""Typed field readers: each wrong value is refused with the file, the entry and the field in the message."""
import pytest

from practice.catalog.fields import CatalogError, Entry, read_toml


def entry(**data) -> Entry:
    return Entry("prompts/intro.toml", "prompt 'intro-x'", data)


def test_read_toml_names_a_missing_file_and_bad_toml(tmp_path):
    with pytest.raises(CatalogError, match=r"^gone.toml: file is missing \(looked in "):
        read_toml(tmp_path / "gone.toml")
    (tmp_path / "bad.toml").write_text("key = ")
    with pytest.raises(CatalogError, match="^bad.toml: not valid TOML: "):
        read_toml(tmp_path / "bad.toml")
    (tmp_path / "good.toml").write_text('key = "value"\n')
    assert read_toml(tmp_path / "good.toml") == {"key": "value"}


def test_text_collapses_spaces_and_refuses_missing_or_blank_values():
    assert entry(text="  Tell me\n   about yourself ").text("text") == "Tell me about yourself"
    assert entry().text("script", required=False) is None
    with pytest.raises(CatalogError, match=r"^prompts/intro.toml: prompt 'intro-x': field 'text': is missing$"):
        entry().text("text")
    with pytest.raises(CatalogError, match="field 'text': must be non-empty text"):
        entry(text="   ").text("text")
    with pytest.raises(CatalogError, match="field 'text': must be non-empty text"):
        entry(text=3).text("text")


@pytest.mark.parametrize("value", [True, "30", -1, None])
def test_a_number_must_be_a_number_at_or_above_its_minimum(value):
    with pytest.raises(CatalogError, match="field 'target_s': "):
        entry(target_s=value).number("target_s", minimum=0)


def test_numbers_and_whole_numbers_with_defaults():
    assert entry(gap=0.5).number("gap") == 0.5
    assert entry().number("gap", default=1.0) == 1.0
    assert entry(turns=3).whole("turns", minimum=1) == 3
    with pytest.raises(CatalogError, match="field 'turns': must be a whole number"):
        entry(turns=2.5).whole("turns")
    with pytest.raises(CatalogError, match="field 'turns': must be a number of at least 1"):
        entry(turns=0).whole("turns", minimum=1)


def test_a_choice_lists_the_options_when_the_value_is_not_one():
    assert entry(kind="introduction").choice("kind", ("introduction", "mock-call")) == "introduction"
    with pytest.raises(CatalogError, match="field 'kind': 'intro' is not one of introduction, mock-call"):
        entry(kind="intro").choice("kind", ("introduction", "mock-call"))


def test_texts_are_a_non_empty_list_of_text_from_the_options():
    assert entry(skills=["pace ", " clarity"]).texts("skills") == ("pace", "clarity")
    assert entry().texts("skills", required=False) == ()
    for bad in ([], ["pace", ""], "pace", [1]):
        with pytest.raises(CatalogError, match="field 'skills': must be a non-empty list of text"):
            entry(skills=bad).texts("skills")
    with pytest.raises(CatalogError, match="field 'skills': 'speed' is not one of pace, clarity"):
        entry(skills=["pace", "speed"]).texts("skills", options=("pace", "clarity"))


def test_tables_and_arrays_of_tables():
    assert entry(settings={"a": 1}).table("settings") == {"a": 1}
    assert entry(turn=[{"says": "Hi"}]).tables("turn") == [{"says": "Hi"}]
    with pytest.raises(CatalogError, match="field 'settings': must be a table"):
        entry(settings=[1]).table("settings")
    with pytest.raises(CatalogError, match=r"field 'turn': must be an array of tables \(\[\[turn\]\]\)"):
        entry(turn={"says": "Hi"}).tables("turn")


def test_an_unknown_field_is_named_so_a_misspelling_is_found():
    entry(key="a", text="b").reject_unknown(("key", "text"))
    with pytest.raises(CatalogError, match="field 'txet': unknown field \\(check the spelling\\)"):
        entry(key="a", txet="b", zzz=1).reject_unknown(("key", "text"))
