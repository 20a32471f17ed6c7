"""The loader reads the TOML files and refuses bad data with a message naming file, entry and field."""
import shutil

import pytest

from practice.catalog import DATA_DIR, CatalogError, load_catalog, read_catalog

GOOD_PROMPT = """
[[prompt]]
key = "extra-question"
kind = "phone-interview"
milestone = "phone-interview"
text = "What time suits you for a call back?"
target_s = 30
skills = ["pace", "clarity"]
"""

GOOD_CONTENT = """
[[question]]
key = "extra-question"
about = "When the applicant can take a call back."
off_topic = "it never names a time."
model_answer = "Any weekday after two in the afternoon suits me."
[[question.point]]
point = "A day and a time"
says = ["Weekdays after lunch"]
"""

GOOD_TURNS = """
[[scenario.turn]]
says = "Hello?"
mood = "calm"
reply = ["Greet the caller"]
[[scenario.turn]]
says = "This is the third time I've called!"
mood = "upset"
expects = ["empathy"]
reply = ["Apologise for the repeated calls"]
[[scenario.turn]]
says = "Okay."
mood = "calm"
reply = ["Explain the next step"]
[[scenario.turn]]
says = "Thanks, bye."
mood = "calm"
reply = ["Thank the caller"]
"""

SCENARIO_HEAD = """
[[scenario]]
key = "extra-call"
line = "sales"
title = "An extra call"
company = "Testco"
brief = "You know everything."
caller_name = "Sam"
"""


@pytest.fixture
def data_dir(tmp_path):
    """A writable copy of the packaged data."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def add(data_dir, folder, text, name="extra.toml"):
    (data_dir / folder / name).write_text(text, encoding="utf-8")


def test_packaged_catalog_loads_and_is_cached():
    assert load_catalog() is load_catalog()


def test_an_added_prompt_file_is_read_with_its_content_check(data_dir):
    add(data_dir, "prompts", GOOD_PROMPT)
    add(data_dir, "content", GOOD_CONTENT)
    catalog = read_catalog(data_dir)
    prompt = catalog.prompt("extra-question")
    assert prompt.text == "What time suits you for a call back?"
    assert prompt.skills == ("pace", "clarity")
    assert prompt.model_points == ("A day and a time",) and prompt.script is None
    guide = catalog.guide("extra-question")
    assert guide.question == prompt.text and guide.target_s == 30
    assert guide.points[0].says == ("Weekdays after lunch",) and not guide.star


def test_a_question_without_a_content_check_is_refused(data_dir):
    add(data_dir, "prompts", GOOD_PROMPT)
    with pytest.raises(CatalogError, match=r"prompt 'extra-question' has no content check"):
        read_catalog(data_dir)


@pytest.mark.parametrize("change, message", [
    (lambda t: t.replace('key = "extra-question"', 'key = "repeat-apology"'),
     r"question 'repeat-apology': field 'key': 'repeat-apology' is not an introduction or phone-interview prompt"),
    (lambda t: t.replace('model_answer =', 'related = ["nowhere"]\nmodel_answer ='),
     r"question 'extra-question': field 'related': 'nowhere' has no content check"),
    (lambda t: t.replace('point = "A day and a time"', 'point = ""'),
     r"question 'extra-question' point 1: field 'point': must be non-empty text"),
    (lambda t: t.replace("[[question.point]]", "[[question.point]]\nweight = 3"),
     r"point 1: field 'weight': unknown field"),
])
def test_a_bad_content_check_is_refused(data_dir, change, message):
    add(data_dir, "prompts", GOOD_PROMPT)
    add(data_dir, "content", change(GOOD_CONTENT))
    with pytest.raises(CatalogError, match=message):
        read_catalog(data_dir)


def test_defaults_fill_fields_an_entry_leaves_out(data_dir):
    add(data_dir, "prompts", '[defaults]\nkind = "phone-interview"\nmilestone = "phone-interview"\n'
        'target_s = 40\nskills = ["pace"]\n[[prompt]]\nkey = "short-one"\ntext = "Hi?"\n')
    add(data_dir, "content", GOOD_CONTENT.replace("extra-question", "short-one"))
    assert read_catalog(data_dir).prompt("short-one").target_s == 40


def test_an_added_scenario_is_read_with_its_turns(data_dir):
    add(data_dir, "scenarios", SCENARIO_HEAD + GOOD_TURNS)
    scenario = read_catalog(data_dir).scenario("extra-call")
    assert len(scenario.turns) == 4
    assert scenario.turns[1].upset and scenario.turns[1].expects == ("empathy",)
    assert scenario.milestone == "sales-test"


@pytest.mark.parametrize("change, message", [
    (lambda t: t.replace('text = "What time suits you for a call back?"\n', ""),
     r"extra\.toml: prompt 'extra-question': field 'text': is missing"),
    (lambda t: t.replace('kind = "phone-interview"', 'kind = "karaoke"'),
     r"extra\.toml: prompt 'extra-question': field 'kind': 'karaoke' is not one of"),
    (lambda t: t.replace('milestone = "phone-interview"', 'milestone = "lunch"'),
     r"field 'milestone': 'lunch' is not one of"),
    (lambda t: t.replace('skills = ["pace", "clarity"]', 'skills = ["juggling"]'),
     r"field 'skills': 'juggling' is not one of"),
    (lambda t: t.replace("target_s = 30", "target_s = 300"),
     r"field 'target_s': phone-interview answers aim for 20-90 s, not 300"),
    (lambda t: t.replace("target_s = 30", 'target_s = "thirty"'),
     r"field 'target_s': must be a number"),
    (lambda t: t.replace('key = "extra-question"', 'key = "Extra Question"'),
     r"field 'key': 'Extra Question' must be a slug"),
    (lambda t: t + 'colour = "blue"\n',
     r"field 'colour': unknown field"),
    (lambda t: t.replace('key = "extra-question"', 'key = "intro-tell-me-about-yourself"'),
     r"prompt 'intro-tell-me-about-yourself': field 'key': used twice"),
    (lambda t: t.replace("[[prompt]]", "[[prompt]"),
     r"extra\.toml: not valid TOML"),
])
def test_a_bad_prompt_file_is_refused_with_file_entry_and_field(data_dir, change, message):
    add(data_dir, "prompts", change(GOOD_PROMPT))
    with pytest.raises(CatalogError, match=message):
        read_catalog(data_dir)


def test_an_introduction_must_aim_for_60_to_90_seconds(data_dir):
    add(data_dir, "prompts", GOOD_PROMPT.replace('"phone-interview"', '"introduction"', 1))
    with pytest.raises(CatalogError, match=r"introduction answers aim for 60-90 s, not 30"):
        read_catalog(data_dir)


@pytest.mark.parametrize("kind, script, message", [
    ("read-aloud", None, r"field 'script': is missing"),
    ("read-aloud", "Too short to be a passage.", r"read-aloud scripts have 30-80 words, this one has 6"),
    ("listen-repeat", "Hello there.", r"listen-repeat scripts have 8-20 words, this one has 2"),
])
def test_drill_prompts_need_a_script_of_the_right_length(data_dir, kind, script, message):
    text = (f'[[prompt]]\nkey = "drill-x"\nkind = "{kind}"\nmilestone = "exam"\ntext = "Read"\n'
            f'target_s = 10\nskills = ["clarity"]\n') + (f'script = "{script}"\n' if script else "")
    add(data_dir, "prompts", text)
    with pytest.raises(CatalogError, match=message):
        read_catalog(data_dir)


@pytest.mark.parametrize("turns, message", [
    ("[[scenario.turn]]" + GOOD_TURNS.split("[[scenario.turn]]")[1],
     r"scenario 'extra-call': field 'turn': a scenario has 4-8 turns, this one has 1"),
    (GOOD_TURNS * 3, r"field 'turn': a scenario has 4-8 turns, this one has 12"),
    (GOOD_TURNS.replace('"upset"', '"calm"'),
     r"scenario 'extra-call': field 'turn': needs at least one turn with mood = \"upset\""),
    (GOOD_TURNS.replace('"upset"', '"furious"'),
     r"scenario 'extra-call' turn 2: field 'mood': 'furious' is not one of calm, upset"),
    (GOOD_TURNS.replace('["empathy"]', '["hugs"]'), r"turn 2: field 'expects': 'hugs' is not one of"),
    (GOOD_TURNS.replace('says = "Hello?"', 'says = ""'), r"turn 1: field 'says': must be non-empty text"),
])
def test_a_bad_scenario_is_refused(data_dir, turns, message):
    add(data_dir, "scenarios", SCENARIO_HEAD + turns)
    with pytest.raises(CatalogError, match=message):
        read_catalog(data_dir)


def test_a_scenario_needs_a_known_line(data_dir):
    add(data_dir, "scenarios", SCENARIO_HEAD.replace('"sales"', '"marketing"') + GOOD_TURNS)
    with pytest.raises(CatalogError, match=r"field 'line': 'marketing' is not one of"):
        read_catalog(data_dir)


def test_a_scenario_key_may_not_repeat_a_prompt_key(data_dir):
    add(data_dir, "scenarios", SCENARIO_HEAD.replace("extra-call", "phone-hobbies") + GOOD_TURNS)
    with pytest.raises(CatalogError, match=r"'phone-hobbies': field 'key': used twice"):
        read_catalog(data_dir)


def test_a_missing_rules_file_is_named(data_dir):
    (data_dir / "call_flow.toml").unlink()
    with pytest.raises(CatalogError, match=r"call_flow\.toml: file is missing"):
        read_catalog(data_dir)


def test_every_qa_item_must_be_on_the_form(data_dir):
    path = data_dir / "call_flow.toml"
    text = path.read_text()
    start = text.index('[[item]]\nkey = "hold"')
    path.write_text(text[:start] + text[text.index("[[item]]", start + 1):])
    with pytest.raises(CatalogError,
                       match=r"call_flow\.toml: file: field 'item': item 'hold' must appear exactly once"):
        read_catalog(data_dir)


def test_a_qa_item_needs_its_phrase_groups(data_dir):
    path = data_dir / "call_flow.toml"
    path.write_text(path.read_text().replace("offer_help = [", "offer_hlep = ["))
    with pytest.raises(CatalogError, match=r"item 'opening' phrases: field 'offer_hlep': unknown field"):
        read_catalog(data_dir)


def test_an_intro_checklist_item_needs_phrases(data_dir):
    path = data_dir / "checklists.toml"
    path.write_text(path.read_text().replace('phrases = ["my strength"', 'phrasez = ["my strength"'))
    with pytest.raises(CatalogError, match=r"checklists\.toml: introduction item 'strengths': field 'phrasez'"):
        read_catalog(data_dir)


def test_the_intro_checklist_names_prompts_that_exist(data_dir):
    path = data_dir / "checklists.toml"
    path.write_text(path.read_text().replace('prompts = ["intro-tell-me-about-yourself"]',
                                             'prompts = ["intro-no-such"]'))
    with pytest.raises(CatalogError, match=r"checklists\.toml: \[settings\]: field 'prompts': 'intro-no-such'"):
        read_catalog(data_dir)
