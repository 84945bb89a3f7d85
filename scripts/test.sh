#!/usr/bin/env bash
# One command on a fresh machine: set up, then typecheck, lint, build, unit + integration + e2e tests.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
exec npm test
