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
    echo "Granska: skapar en egen Python-miljö i $VENV" >&2
    python3 -m venv "$VENV" || { ensure_debs python3-venv && python3 -m venv "$VENV"; }
  fi
  # Reinstall only when pyproject.toml changed since the last install.
  if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
    local log="$VENV/pip-install.log"
    echo "Granska: installerar Python-paketen (första gången tar det några minuter; hela utskriften i $log)" >&2
    if ! "$VENV/bin/python" -m pip install --upgrade pip >"$log" 2>&1 ||
      ! "$VENV/bin/python" -m pip install --progress-bar off -e "$ROOT${extra:+[$extra]}" 2>&1 |
      tee -a "$log" | pip_progress; then
      echo "Granska: installationen misslyckades. Slutet av $log:" >&2
      tail -n 25 "$log" >&2
      return 1
    fi
    touch "$stamp"
  fi
}

# pip's output as one short line per package (what it fetches, then that it installs), instead of
# pages of build output; everything is still in the log file.
pip_progress() {
  local n=0 line end="\n"
  [ -t 2 ] && end="\r"
  while IFS= read -r line; do
    case "$line" in
      Collecting*)
        n=$((n + 1))
        printf "  [%3d] hämtar %-60.60s$end" "$n" "${line#Collecting }" >&2
        ;;
      "Installing collected packages:"*)
        local names="${line#Installing collected packages: }"
        printf "  %-72s\r  installerar %d paket …" "" "$(($(tr -cd , <<<"$names" | wc -c) + 1))" >&2
        ;;
      "Successfully installed"*) printf " klart.\n" >&2 ;;
    esac
  done
}

# The OS keyring keeps the platforms' tokens (never the database). Exit 0 when Granska can use one.
keyring_available() {
  "$VENV/bin/python" -c 'from app.services.accounts.credentials import CredentialStore as S
raise SystemExit(0 if S().available() else 1)' 2>/dev/null
}

explain_keyring() {
  cat >&2 <<'TEXT'

Ingen nyckelring hittades.
  En nyckelring är operativsystemets låsta förvaring för lösenord och inloggningsnycklar (på Linux
  gnome-keyring eller KWallet, på Windows Autentiseringshanteraren). Granska sparar plattformarnas
  token och e-postlösenordet där, aldrig i databasen. Utan nyckelring kan Granska inte nå
  plattformarna: en borttagning sparas med bevis och beslut men blir stående som
  "Väntar på plattformen".
TEXT
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

# A throw-away PostgreSQL server in $1/pg on a free port of 127.0.0.1 (so parallel runs on one
# machine do not collide); exports GRANSKA_TEST_PG_URL. Stop it with stop_postgres "$1".
start_postgres() {
  local work="$1" pg_bin port
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  mkdir -p "$work/pg" "$work/sock"
  chmod 755 "$work"
  local run_pg=(bash -c)
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$work/pg" "$work/sock"
    run_pg=(su postgres -c)
  fi
  "${run_pg[@]}" "$pg_bin/initdb -D '$work/pg' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
  "${run_pg[@]}" "$pg_bin/pg_ctl -D '$work/pg' -l '$work/pg/server.log' -w -o '-p $port -c listen_addresses=127.0.0.1 -k $work/sock -c fsync=off' start" >/dev/null
  export GRANSKA_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
}

stop_postgres() {
  local work="$1" pg_bin
  [ -f "$work/pg/postmaster.pid" ] || return 0
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  local run_pg=(bash -c)
  [ "$(id -u)" -eq 0 ] && run_pg=(su postgres -c)
  "${run_pg[@]}" "$pg_bin/pg_ctl -D '$work/pg' -m fast -w stop" >/dev/null 2>&1 || true
}
