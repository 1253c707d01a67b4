# Shared by scripts/run, scripts/test and scripts/package: Debian packages and the virtualenv.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${GRANSKA_VENV:-$ROOT/.venv}"

# Qt's xcb platform plugin needs these to open a window on X11 (Xvfb or a real display).
QT_RUNTIME_DEBS=(libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-shape0 libxcb-render-util0
  libxcb-image0 libxcb-randr0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1
  libdbus-1-3 fonts-dejavu-core fonts-noto-color-emoji)

ensure_debs() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      echo "Saknade Debian-paket: ${missing[*]}. Installera dem som root (apt-get install ${missing[*]})." >&2
      return 1
    fi
  fi
  echo "Installerar Debian-paket: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_venv() {
  # $1: the extra to install ("" or "dev").
  local extra="${1:-}"
  local stamp="$VENV/.granska-installed${extra:+-$extra}"
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV" || { ensure_debs python3-venv && python3 -m venv "$VENV"; }
  fi
  # Reinstall only when pyproject.toml changed since the last install.
  if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
    "$VENV/bin/python" -m pip install -q -e "$ROOT${extra:+[$extra]}"
    touch "$stamp"
  fi
}

# The UI's translations: .ts files are committed, .qm files are built here (and at start-up by
# app/ui/translations.py when neither this nor the packaging ran).
TRANSLATIONS_DIR="$ROOT/resources/translations"

update_translations() {
  local ts
  for ts in "$TRANSLATIONS_DIR"/granska_*.ts; do
    "$VENV/bin/pyside6-lupdate" -silent -extensions py -locations none -no-obsolete "$ROOT/app" -ts "$ts"
  done
}

build_translations() {
  local ts qm
  for ts in "$TRANSLATIONS_DIR"/granska_*.ts; do
    [ -e "$ts" ] || continue
    qm="${ts%.ts}.qm"
    if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
      "$VENV/bin/pyside6-lrelease" -silent "$ts" -qm "$qm"
    fi
  done
}
