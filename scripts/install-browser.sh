#!/usr/bin/env bash
# Install what tests/test_browser.py needs: Debian's Chromium (with CJK fonts,
# so screenshots show Chinese) and the Playwright Python package.
#
# Playwright's own browser download ("playwright install") cannot work here;
# the tests launch /usr/bin/chromium through executable_path instead.
set -euo pipefail

cd "$(dirname "$0")/.."
PIP="${PIP:-.venv/bin/pip}"
if [ ! -x "$PIP" ]; then
    PIP="python3 -m pip"
fi

if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-browser: /usr/bin/chromium is missing; run as root (apt-get install chromium)" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y chromium fonts-noto-cjk
fi

# Without a CJK font, Chinese in screenshots shows as empty boxes.
if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=zh 2>/dev/null)" ] && [ "$(id -u)" -eq 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends fonts-noto-cjk
fi

$PIP install "playwright>=1.40"
echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) and playwright are ready"
