"""`flask analyze` runs the worker's analysis on any file and prints it."""
import json

from practice.analysis import Analysis
from tests.audio_files import tone, write_wav


def test_analyze_prints_the_stored_record_as_json(runner, tmp_path):
    path = write_wav(tmp_path / "tone.wav", tone(2.0))
    result = runner.invoke(args=["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["version"] == Analysis.VERSION and data["timing"]["engine"] == "fake"
    assert "content" not in data  # only --prompt says which question it answers
    assert data["transcript"] == "Hello, my name is Maria."


def test_analyze_summarises_in_one_line_and_refuses_what_is_not_audio(runner, tmp_path):
    path = write_wav(tmp_path / "tone.wav", tone(2.0))
    result = runner.invoke(args=["analyze", str(path)])
    assert result.exit_code == 0 and result.output.startswith("tone.wav: 2.0 s")
    junk = tmp_path / "notes.txt"
    junk.write_text("not audio")
    refused = runner.invoke(args=["analyze", str(junk)])
    assert refused.exit_code != 0 and "could not decode" in refused.output
