"""Adapters at the edge: the only code that touches ffmpeg and ASR engines."""
