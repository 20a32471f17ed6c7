"""Settings: defaults a user can rely on, a random secret key made once, and no known or short key in production."""
import stat

import pytest

from practice.config import MIN_SECRET_KEY_CHARS, Defaults, load_secret_key, refuse_weak_secret_key


def test_the_defaults_the_readme_promises():
    assert Defaults.MAX_CONTENT_LENGTH == 26214400
    assert Defaults.MAX_DURATION_S == 600
    assert (Defaults.ASR_MODEL, Defaults.ASR_ENGINE, Defaults.ASR_THREADS) == ("base", "whisper", 2)
    assert Defaults.ANALYSIS_WORKERS == 1
    assert Defaults.ALLOWED_HOSTS == []
    assert Defaults.EXPORT_WHOLE_MAX_BYTES == 50_000_000


def test_the_secret_key_is_made_once_owner_only_and_then_reused(tmp_path):
    key = load_secret_key(tmp_path)
    assert len(key) == 64 and int(key, 16) >= 0
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    assert load_secret_key(tmp_path) == key


@pytest.mark.parametrize("key", ["dev", "  ChangeMe ", b"secret", "x" * (MIN_SECRET_KEY_CHARS - 1), "", None])
def test_a_known_or_short_key_stops_a_production_start(key):
    with pytest.raises(RuntimeError, match="SECRET_KEY is a known or short value"):
        refuse_weak_secret_key({"SECRET_KEY": key})


def test_a_long_random_key_starts_and_debug_or_test_runs_may_use_any_key():
    refuse_weak_secret_key({"SECRET_KEY": "4f" * MIN_SECRET_KEY_CHARS})
    refuse_weak_secret_key({"SECRET_KEY": "dev", "DEBUG": True})
    refuse_weak_secret_key({"SECRET_KEY": "dev", "TESTING": True})
