#!/usr/bin/env bash
# Runs `hamlet process` on a COPY of the bundled sample (sorting moves files: the checked-in examples must not change).
# Usage: examples/run-sample.sh [work-folder]   (default: a new temporary folder). Prints the steps and the archive path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
work="${1:-$(mktemp -d -t hamlet-sample.XXXXXX)}"
mkdir -p "$work"
cp -r "$here/config.yaml" "$here/mapping.csv" "$here/data" "$work/"
mkdir -p "$work/data/sorted" "$work/data/outgoing"
hamlet="$repo/src/HamletPS.Cli/bin/Release/net10.0/hamlet"
# Always build (incremental: seconds when nothing changed), so a stale hamlet from an older checkout is never run.
dotnet build "$repo/src/HamletPS.Cli" -c Release -v q -nologo >/dev/null
cd "$work"
# The sample files were just copied: do not wait for them to "settle".
"$hamlet" process --config-path config.yaml --settle-seconds 0
echo "Work folder: $work"
ls -l "$work/data/outgoing"
