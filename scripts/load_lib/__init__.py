"""Run the app under waitress in a subprocess and talk to it over loopback: used by scripts/load and tests."""
