"""scripts/run's file check: the installed speech model and voice match their published checksums."""
from practice.speech import check_files, weights


def test_the_model_and_voice_check_names_both_files(capsys):
    assert check_files.main() == 0
    out = capsys.readouterr().out
    assert "speech model base: ok" in out and "voice en_US-joe-medium.onnx: ok" in out


def test_a_model_that_fails_its_check_is_named_and_the_check_fails(monkeypatch, capsys):
    def refuse(spec):
        raise weights.ModelIntegrityError(f"{spec}: model.bin has the wrong SHA-256; reinstall it")

    monkeypatch.setattr(weights, "resolve_model", refuse)
    assert check_files.main() == 1
    captured = capsys.readouterr()
    assert "base: model.bin has the wrong SHA-256; reinstall it" in captured.err
    assert "voice" not in captured.out
