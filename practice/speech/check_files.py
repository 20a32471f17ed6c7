"""Check the installed speech model and voice files against their published checksums, and say so."""
from __future__ import annotations

import sys

from practice.speech import voice, weights


def main() -> int:
    """Run by scripts/run after installing, so a bad download is named before the app starts."""
    try:
        model = weights.resolve_model(weights.DEFAULT_SPEC)
        print(f"    speech model {model.name}: ok (sha256 {model.sha256[:12]}…)")
        checked = voice.verify_voice(voice.VOICES[voice.DEFAULT_VOICE])
        print(f"    voice {checked.name}: ok (sha256 {voice.VOICES[voice.DEFAULT_VOICE].sha256[:12]}…)")
    except (weights.ModelIntegrityError, weights.ModelNotFoundError) as error:
        print(f"    {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
