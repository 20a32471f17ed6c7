# Sourced by the scripts in scripts/: create .venv when missing and install the project into it.
PYTHON="${PYTHON:-python3}"

ensure_venv() {
  local spec="${1:-.}"
  if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "practice needs Python 3.11 or newer as '$PYTHON' (set PYTHON=/path/to/python3.11)." >&2
    exit 1
  fi
  if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv || {
      rm -rf .venv
      echo "Could not create .venv. On Debian/Ubuntu install venv support: sudo apt-get install python3-venv" >&2
      exit 1
    }
  fi
  # Reinstall only when pyproject.toml or the requested extras change: a re-run starts in seconds.
  local stamp
  stamp=".venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)-$(printf '%s' "$spec" | tr -c 'a-z' '_')"
  if [ ! -f "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e "$spec"
    touch "$stamp"
  fi
}
