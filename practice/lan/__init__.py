"""LAN mode: serve the app to the user's phone over HTTPS, behind a passcode (no Flask here)."""
