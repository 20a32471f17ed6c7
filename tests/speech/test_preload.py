"""The model loads in the serving process's start-up, never in tests, create_app or other flask commands."""
import os
import subprocess
import sys

import pytest

from practice import ROOT

from practice.speech import transcribe
from practice.speech.preload import preload_transcriber
from practice.speech.transcribe import WhisperTranscriber, get_transcriber
from tests.fakes import FakeTranscriber


@pytest.fixture
def real_asr_config(app_config):
    """The test settings without the fake transcriber: whatever loads now would be the real model."""
    config = dict(app_config)
    config.pop("TRANSCRIBER")
    config["ASR_MODEL"] = "tiny.en"
    return config


def test_create_app_loads_no_model(real_asr_config, model_loads):
    from practice import create_app

    cached = dict(transcribe._transcribers)
    app = create_app(real_asr_config)
    app.extensions["practice.jobs"].executor.shutdown(wait=True)
    assert model_loads == []
    assert transcribe._transcribers == cached


COMMANDS = (("routes",), ("db", "current"), ("seed-demo", "--answers", "3"), ("--help",))
# One fresh process runs every command in turn and says after each whether CTranslate2 (the engine a loaded
# model needs) has been imported: one interpreter start instead of one a command.
PROBE = """import sys
from flask.cli import main
for command in COMMANDS:
    sys.argv = ['flask', '--app', 'practice', *command]
    try:
        main()
    except SystemExit:
        pass
    print('RESULT', ' '.join(command), '|', 'ASR LOADED' if 'ctranslate2' in sys.modules else 'NO ASR')
"""


@pytest.mark.slow  # a fresh interpreter imports the whole app, and seed-demo runs the content model
def test_flask_commands_other_than_analyze_never_import_the_asr_engine(tmp_path):
    env = {**os.environ, "PRACTICE_INSTANCE_PATH": str(tmp_path / "instance")}
    out = subprocess.run([sys.executable, "-c", f"COMMANDS = {COMMANDS!r}\n{PROBE}"], capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=240)
    results = [line.removeprefix("RESULT ") for line in out.stdout.splitlines() if line.startswith("RESULT ")]
    assert results == [f"{' '.join(command)} | NO ASR" for command in COMMANDS], (out.stdout[-800:],
                                                                                   out.stderr[-2000:])


def test_a_configured_transcriber_is_used_as_is_and_the_dictionary_is_read_at_start():
    from practice.audio import text

    text._cmu.cache_clear()
    fake = FakeTranscriber()
    assert preload_transcriber({"TRANSCRIBER": fake, "ASR_MODEL": "base"}) is fake
    assert text._cmu.cache_info().currsize == 1


@pytest.mark.slow
def test_preload_leaves_the_worker_the_same_loaded_model(real_asr_config, model_loads):
    preloaded = preload_transcriber({**real_asr_config, "ASR_ENGINE": "whisper", "ASR_THREADS": 2})
    assert isinstance(preloaded, WhisperTranscriber) and preloaded._model is not None
    loaded = len(model_loads)
    assert get_transcriber("tiny.en", "whisper", 2) is preloaded
    assert len(model_loads) == loaded


@pytest.mark.slow
def test_warm_up_loads_the_vad_model_the_first_answer_would_otherwise_load():
    from faster_whisper.vad import get_vad_model

    get_vad_model.cache_clear()
    get_transcriber("tiny.en", "whisper", 2).warm_up()
    assert get_vad_model.cache_info().currsize == 1
