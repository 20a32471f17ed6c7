"""Pure speech analysis: PCM samples and timed words in, dataclasses out (no I/O, no Flask)."""
