#!/usr/bin/env bash
# One command on a fresh machine: set up, build, and run the studio (npm start).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
exec npm start -- "$@"
