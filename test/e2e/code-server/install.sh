#!/usr/bin/env bash
# Installs the code-server harness (code-server 4.100.3 + playwright-core) into this folder.
# Needs Debian packages: chromium libkrb5-dev ripgrep (and a C toolchain for node-pty).
# Works offline from GitHub: @vscode/ripgrep's postinstall downloads rg from GitHub releases,
# but uses a cached tarball when one exists, so we seed that cache with Debian's rg.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

for tool in rg chromium node npm; do
  command -v "$tool" >/dev/null || { echo "install.sh: '$tool' is missing (apt-get install -y chromium libkrb5-dev ripgrep)" >&2; exit 1; }
done

# Runs as root in CI: code-server's postinstall refuses without unsafe_perm, and node-pty's
# postinstall runs `npx node-gyp`, which waits for a "yes" on a TTY without npm_config_yes.
export npm_config_unsafe_perm=true npm_config_yes=true

# Seed @vscode/ripgrep's download cache for the version code-server's VS Code pins.
rg_version=1.15.11
rg_asset=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
tmp="${TMPDIR:-/tmp}"
cache="$tmp/vscode-ripgrep-cache-$rg_version"
if [ ! -s "$cache/$rg_asset" ]; then
  mkdir -p "$cache"
  stage="$(mktemp -d)"
  cp "$(command -v rg)" "$stage/rg"
  tar czf "$cache/$rg_asset" -C "$stage" rg
  rm -rf "$stage"
fi

if [ -x node_modules/.bin/code-server ] && [ -e node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg ]; then
  echo "code-server harness already installed"
  exit 0
fi
npm ci --no-audit --no-fund
test -e node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg || { echo "install.sh: ripgrep was not installed into code-server" >&2; exit 1; }
echo "code-server harness installed"
