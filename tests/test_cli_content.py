"""flask check-answer prints the content object; unknown questions are refused."""
import json


def test_check_answer_json_has_the_content_object(runner):
    result = runner.invoke(args=["check-answer", "intro-why-call-center", "--json", "--text",
                                 "My greatest weakness is that I take criticism personally. I ask my "
                                 "supervisor for feedback every week to work on it, and it is getting better."])
    assert result.exit_code == 0, result.output
    content = json.loads(result.output)["content"]
    assert content["answers_the_question"] is False
    assert isinstance(content["score"], int) and 0 <= content["score"] <= 100
    assert [set(p) for p in content["points"]] == [{"point", "covered", "evidence"}] * 4
    assert content["structure"] is None and content["tip"]


def test_check_answer_text_output_lists_points(runner):
    result = runner.invoke(args=["check-answer", "phone-salary-expectation", "--text",
                                 "I'm expecting about twenty thousand a month, and I'm open to discussing benefits."])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Content ") and "[x] A reasonable range" in result.output


def test_check_answer_refuses_an_unknown_question(runner):
    result = runner.invoke(args=["check-answer", "no-such-question", "--text", "hello"])
    assert result.exit_code == 2 and "no question with a content check" in result.output


def test_a_mock_call_turn_needs_its_number(runner):
    result = runner.invoke(args=["check-answer", "cs-bill-higher-than-usual", "--text", "Hello"])
    assert result.exit_code == 2 and "--turn N" in result.output
    greeting = "Thank you for calling Bluepeak Telecom, my name is Ana. How can I help you with your bill?"
    result = runner.invoke(args=["check-answer", "cs-bill-higher-than-usual", "--turn", "1", "--json",
                                 "--text", greeting])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["content"]["answers_the_question"] is True


def test_analyze_with_a_prompt_adds_the_content_object_and_counts_it_in_overall(app, runner, tmp_path):
    from tests.audio_files import speech_like_wav
    from tests.fakes import FakeTranscriber, spoken
    from tests.web.test_content_review import READ_SENTENCES

    app.config["TRANSCRIBER"] = FakeTranscriber(spoken(READ_SENTENCES))
    wav = speech_like_wav(tmp_path / "a.wav", READ_SENTENCES)
    result = runner.invoke(args=["analyze", str(wav), "--prompt", "intro-why-call-center", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["content"]["answers_the_question"] is False and isinstance(data["content"]["score"], int)
    assert [set(p) for p in data["content"]["points"]] == [{"point", "covered", "evidence"}] * 4
    assert data["scores"]["overall"] <= 49 < data["scores"]["delivery"]
    summary = runner.invoke(args=["analyze", str(wav), "--prompt", "intro-why-call-center"])
    assert "It does not answer \u201cWhy do you want to work in a call center?\u201d" in summary.output


def test_analyze_refuses_an_unknown_prompt_before_any_work(runner, tmp_path):
    from tests.audio_files import tone, write_wav

    result = runner.invoke(args=["analyze", str(write_wav(tmp_path / "t.wav", tone(2.0))), "--prompt", "nope"])
    assert result.exit_code == 2 and "no question with a content check" in result.output
