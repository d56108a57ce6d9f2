#!/usr/bin/env bash
# Installs the boothwatch booth-agent: see install.sh for the options (--deb FILE, --jar FILE, --root DIR).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/install.sh" booth-agent "$@"
