#!/usr/bin/env bash
# Installs what Follow Studio needs on a fresh Debian machine, idempotently:
#   Node >= 22.12 (from the npm registry's node@22 package when the machine's Node is older),
#   Debian's Chromium (for the browser tests and the no-Electron fallback window), and the npm packages.
# Source it (". scripts/setup.sh") so that the PATH it sets stays in force.
set -euo pipefail
FS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! node_ok; then
  # npm's global settings (a registry CA bundle, say) live beside the machine's Node; keep them in force
  # once the newer Node comes first on PATH.
  FS_CAFILE="$(npm config get cafile 2>/dev/null || true)"
  if [ -n "$FS_CAFILE" ] && [ "$FS_CAFILE" != "null" ] && [ -f "$FS_CAFILE" ]; then
    export npm_config_cafile="${npm_config_cafile:-$FS_CAFILE}"
    export NODE_EXTRA_CA_CERTS="${NODE_EXTRA_CA_CERTS:-$FS_CAFILE}"
  fi
  if [ ! -x "$HOME/.node22/node_modules/.bin/node" ]; then
    echo "setup: installing Node 22 from the npm registry into ~/.node22" >&2
    (cd "$HOME" && npm install --prefix "$HOME/.node22" --no-save --no-audit --no-fund node@22 >&2)
  fi
  export PATH="$HOME/.node22/node_modules/.bin:$PATH"
  node_ok || { echo "setup: could not get Node >= 22.12" >&2; exit 1; }
fi

if [ "${FS_SKIP_CHROMIUM:-}" != "1" ] && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "setup: installing Debian's chromium" >&2
  SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
fi

# better-sqlite3 is compiled by node-gyp on install, which needs the running Node's C headers. node-gyp would
# download them (from a host that may be unreachable, into a cache that an empty $HOME does not have); the
# npm registry's node@22 package ships them, as do official Node installs, so point npm at them.
node_headers() {
  local major prefix dir
  major="$(node -p 'process.versions.node.split(".")[0]')"
  prefix="$(node -p 'require("path").resolve(process.execPath, "..", "..")')"
  for dir in "$prefix" "$prefix"/node_modules/node-* "$HOME"/.node22/node_modules/node/node_modules/node-*; do
    if [ -f "$dir/include/node/common.gypi" ] &&
      grep -q "define NODE_MAJOR_VERSION $major\$" "$dir/include/node/node_version.h" 2>/dev/null; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}
if FS_NODEDIR="$(node_headers)"; then
  export npm_config_nodedir="$FS_NODEDIR"
fi

# Electron fetches its binary on first run, and Playwright must never fetch browsers.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
cd "$FS_ROOT"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages" >&2
  npm ci --no-audit --no-fund >&2
fi
cd - >/dev/null
