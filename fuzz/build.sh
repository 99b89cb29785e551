#!/usr/bin/env bash
# Builds the fuzz target: publishes fuzz/IncidentPolicy.Fuzz (Release) into OUT_DIR and instruments IncidentPolicy.dll
# there with the sharpfuzz tool pinned in .config/dotnet-tools.json. Prints the folder on the last line.
# Usage: fuzz/build.sh [OUT_DIR]   (an empty or missing folder; a new temporary one by default)
set -euo pipefail
source "$(dirname "$0")/common.sh"

out=${1:-$(mktemp -d -t incidentpolicy-fuzz-build.XXXXXX)}
build_target "$out"
echo "$out"
