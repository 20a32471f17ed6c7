import pytest

from tests.speech_clips import MISSING_REASON, load_clips


@pytest.fixture(scope="session")
def clips():
    """All manifest clips; skips the test when ../shared/speech is absent."""
    found = load_clips()
    if not found:
        pytest.skip(MISSING_REASON)
    return found
