"""Exam drills through the real pipeline: real recordings, the real transcriber, their scripts."""
import pytest

from practice.analysis import analyse
from practice.catalog import Prompt
from practice.checks.drills import score_drills
from tests.speech_clips import require_clip

pytestmark = pytest.mark.slow

OTHER_TEXT = ("Thank you for calling. Your order has shipped and will arrive within three business days; "
              "the tracking number is in the email we sent this morning.")


def drill(script: str) -> Prompt:
    return Prompt("clip", "read-aloud", "exam", "Read this aloud.", 30, ("clarity",), script=script)


@pytest.mark.parametrize("name", ["08_mfa_english_slow.wav", "22_speechbrain_spk1_snt1.wav"])
def test_reading_the_script_scores_at_least_90_percent(name):
    clip = require_clip(name)
    result = analyse(clip.path, script=clip.transcript)
    assert result.read_accuracy >= 0.9, (result.transcript, result.script_diff)
    assert result.script_diff is not None and len(result.script_diff.skipped) <= 1
    assert score_drills([(drill(clip.transcript), result.words)]).score >= 90


def test_reading_a_different_text_scores_under_half():
    clip = require_clip("08_mfa_english_slow.wav")
    result = analyse(clip.path, script=OTHER_TEXT)
    assert result.read_accuracy < 0.5, result.transcript
    assert len(result.script_diff.skipped) + len(result.script_diff.misread) > 10


def test_a_drill_set_mixes_read_and_unanswered_items():
    clips = [require_clip("08_mfa_english_slow.wav"), require_clip("22_speechbrain_spk1_snt1.wav")]
    answers = [(drill(c.transcript), analyse(c.path, script=c.transcript).words) for c in clips]
    out = score_drills(answers + [(drill(OTHER_TEXT), None)])
    assert out.items[2].read_accuracy == 0.0
    assert 60 <= out.score <= 67  # (≥0.9 + ≥0.9 + 0) / 3
