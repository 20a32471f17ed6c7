"""The server's voice: a checked Piper voice, lines rendered once, a real telephone band, words ASR can read."""
from __future__ import annotations

import io
import wave

import numpy as np
import pytest

from practice.audio.text import normalise_words
from practice.speech import voice
from practice.speech.decode import decode_file
from practice.speech.weights import ModelIntegrityError
from practice.speech.transcribe import get_transcriber

LINE = "Our accounts run 24/7. Are you okay with shifting schedules, including graveyard shifts?"


def tone_wav(freqs_hz: list[float], rate_hz: int = 22050, seconds: float = 1.0) -> bytes:
    t = np.arange(int(rate_hz * seconds)) / rate_hz
    signal = sum(np.sin(2 * np.pi * f * t) for f in freqs_hz) * (0.25 / len(freqs_hz))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1), out.setsampwidth(2), out.setframerate(rate_hz)
        out.writeframes((signal * 32767).astype("<i2").tobytes())
    return buffer.getvalue()


def level_at_db(wav: bytes, freq_hz: float) -> float:
    """Spectrum magnitude (dB) at freq_hz, from the middle of the file (past the filters' settling)."""
    with wave.open(io.BytesIO(wav), "rb") as reader:
        rate = reader.getframerate()
        samples = np.frombuffer(reader.readframes(reader.getnframes()), "<i2").astype(float)
    middle = samples[len(samples) // 4: 3 * len(samples) // 4]
    spectrum = np.abs(np.fft.rfft(middle * np.hanning(len(middle))))
    bin_at = int(round(freq_hz * len(middle) / rate))
    return 20 * np.log10(spectrum[bin_at - 2: bin_at + 3].max() + 1e-9)


def test_installed_voice_matches_its_published_checksum():
    path = voice.verify_voice(voice.VOICES["joe"])
    assert path.name == "en_US-joe-medium.onnx"


def test_a_voice_file_of_another_size_is_refused(tmp_path):
    fake = tmp_path / "voice.onnx"
    fake.write_bytes(b"x" * 10)
    with pytest.raises(ModelIntegrityError, match="10 bytes"):
        voice.verify_voice(voice.VOICES["joe"], fake)


def test_a_tampered_voice_file_of_the_right_size_is_refused(tmp_path):
    fake = tmp_path / "voice.onnx"
    fake.write_bytes(b"x" * 10)
    same_size = voice.VoiceFile("t", "test", "none", "voice.onnx", voice.VOICES["joe"].sha256, 10)
    with pytest.raises(ModelIntegrityError, match="sha256"):
        voice.verify_voice(same_size, fake)


def test_telephone_band_keeps_speech_frequencies_and_cuts_the_rest():
    phone = voice.telephone_band(tone_wav([100, 1000, 3900]))
    with wave.open(io.BytesIO(phone), "rb") as reader:
        assert reader.getframerate() == voice.TELEPHONE_RATE_HZ and reader.getnchannels() == 1
    kept = level_at_db(phone, 1000)
    assert kept - level_at_db(phone, 100) > 30  # 100 Hz hum: gone
    assert kept - level_at_db(phone, 3900) > 12  # above 3400 Hz: well down


def test_bad_lines_and_bands_are_refused(tmp_path):
    with pytest.raises(ValueError, match="characters"):
        voice.render_line("   ", band="clear", cache_dir=tmp_path)
    with pytest.raises(ValueError, match="band"):
        voice.render_line("Hello", band="radio", cache_dir=tmp_path)


def test_cache_names_differ_by_band_and_text_and_never_contain_the_text(tmp_path):
    names = {voice.line_path(tmp_path, text, band).name
             for text in ("Hello", "Hello there", "../../etc") for band in voice.BANDS}
    assert len(names) == 6
    assert all(name.endswith(".wav") and "/" not in name and "etc" not in name for name in names)


@pytest.mark.slow
def test_a_line_is_rendered_once_then_served_from_the_cache(tmp_path):
    first = voice.render_line(LINE, band="phone", cache_dir=tmp_path)
    again = voice.render_line("  " + LINE.replace(" ", "  "), band="phone", cache_dir=tmp_path)
    assert first.render_s is not None and again.render_s is None
    assert again.path == first.path and 3.0 < first.duration_s < 9.0
    assert [p.name for p in tmp_path.iterdir()] == [first.path.name]  # no temp file left behind


@pytest.mark.slow
@pytest.mark.parametrize("band", voice.BANDS)
def test_tiny_en_transcribes_a_rendered_line_word_for_word(tmp_path, band):
    line = voice.render_line(LINE, band=band, cache_dir=tmp_path)
    heard = get_transcriber("tiny.en").transcribe(decode_file(line.path), recover_fillers=False)
    assert normalise_words(heard.text) == normalise_words(voice.spoken_form(LINE))


def test_numbers_with_a_slash_are_read_as_people_say_them():
    assert voice.spoken_form("We run 24/7, 9/5 too.") == "We run 24 7, 9 5 too."
    assert voice.spoken_form("and/or") == "and/or"


@pytest.mark.slow
def test_the_same_line_renders_the_same_audio_every_time():
    assert voice.synthesize_wav("Thanks for holding.") == voice.synthesize_wav("Thanks for holding.")
