"""The checklist rule files: read whole, phrases in lower case, every item exactly once, nothing misspelt."""
import pytest

from practice.catalog import DATA_DIR
from practice.catalog.fields import CatalogError
from practice.catalog.rules import INTRO_ITEMS, QA_ITEMS, read_call_flow_rules, read_intro_rules


def test_the_shipped_introduction_checklist_has_every_item_once_in_lower_case():
    rules = read_intro_rules(DATA_DIR / "checklists.toml")
    assert sorted(r.key for r in rules.items) == sorted(INTRO_ITEMS)
    assert (rules.opening_sentences, rules.sentence_gap_s) == (2, 1.0)
    assert rules.prompt_keys == ("intro-tell-me-about-yourself",)
    name = next(r for r in rules.items if r.key == "name")
    assert "my name is" in name.phrases and name.opening_phrases == ("i am", "i'm", "this is")
    assert all(p == p.lower() for r in rules.items for p in r.phrases)


def test_the_shipped_call_flow_form_reads_each_items_phrase_groups():
    rules = read_call_flow_rules(DATA_DIR / "call_flow.toml")
    assert [r.key for r in rules.items] == list(QA_ITEMS)
    assert (rules.opening_within_s, rules.closing_last_turns, rules.sentence_gap_s) == (5.0, 2, 1.0)
    assert set(rules.item("opening").phrases) == {"greeting", "own_name", "offer_help"}
    assert rules.item("dead_air").phrases == {}
    assert all(r.weight >= 1 for r in rules.items)


INTRO = """
[settings]
opening_sentences = 1
sentence_gap_s = 0.8
prompts = ["intro-tell-me-about-yourself"]
""" + "".join(f"""
[[introduction]]
key = "{key}"
title = "T"
hint = "H"
phrases = ["I’m From", "My Name"]
""" for key in INTRO_ITEMS)


def test_phrases_are_lowered_and_curly_apostrophes_straightened(tmp_path):
    (tmp_path / "checklists.toml").write_text(INTRO)
    rules = read_intro_rules(tmp_path / "checklists.toml")
    assert rules.items[0].phrases == ("i'm from", "my name")
    assert rules.items[0].opening_phrases == ()


def test_an_item_twice_is_refused_with_its_name(tmp_path):
    (tmp_path / "checklists.toml").write_text(INTRO + '\n[[introduction]]\nkey = "name"\ntitle = "T"\nhint = "H"\n'
                                              'phrases = ["x"]\n')
    with pytest.raises(CatalogError, match="field 'introduction': item 'name' must appear exactly once, found 2"):
        read_intro_rules(tmp_path / "checklists.toml")


def test_an_item_the_code_cannot_judge_is_refused(tmp_path):
    (tmp_path / "checklists.toml").write_text(INTRO.replace('key = "name"', 'key = "hobbies"'))
    with pytest.raises(CatalogError, match="introduction item 'hobbies': field 'key': 'hobbies' is not one of name,"):
        read_intro_rules(tmp_path / "checklists.toml")


def test_a_phrase_group_the_judgement_does_not_read_is_refused(tmp_path):
    text = (DATA_DIR / "call_flow.toml").read_text()
    (tmp_path / "call_flow.toml").write_text(text.replace("[item.phrases]", "[item.phrases]\nhello = [\"hi\"]", 1))
    with pytest.raises(CatalogError, match="phrases: field 'hello': unknown field"):
        read_call_flow_rules(tmp_path / "call_flow.toml")
