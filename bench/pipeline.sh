#!/usr/bin/env bash
# The whole "Process data" workflow (`hamlet process`: sort, protect with the hamlet-rt profile, residual check, archive
# level 6 with verify) on a generated 2000-slice CT series with its RT objects (`hamlet-gen series`), against a like-for-like
# peer in the same run: `cp -r` (the sort's copy) + `zip -r -6` (the archive) — the peer de-identifies nothing.
# Prints wall and CPU seconds, files/s, peak memory (Maximum resident set size from /usr/bin/time -v) and the ratio.
# Usage: bench/pipeline.sh [slices=2000]   (WORK=/some/dir to keep the data; KEEP=1 to not delete it)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
slices=${1:-2000}
work=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/hamlet-pipeline-bench.XXXXXX")}
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
command -v zip >/dev/null || { echo "Info-ZIP zip is not installed (apt-get install zip)"; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is not installed (apt-get install time)"; exit 1; }

dotnet build src/HamletPS.Cli -c Release -nologo -v q >/dev/null
dotnet build src/HamletPS.Generators -c Release -nologo -v q >/dev/null
hamlet="$repo/src/HamletPS.Cli/bin/Release/net10.0/hamlet"
gen="$repo/src/HamletPS.Generators/bin/Release/net10.0/hamlet-gen"

if [ ! -d "$work/source" ]; then
  "$gen" series --out "$work/source" --patients 1 --slices "$slices" --size 512 >/dev/null
fi
files=$(find "$work/source" -type f | wc -l)
bytes=$(du -sb "$work/source" | cut -f1)

site="$work/site"
rm -rf "$site" "$work/peer"
mkdir -p "$site/incoming" "$site/sorted" "$site/outgoing" "$work/peer/out"
cp -r "$work/source/." "$site/incoming/"
cat > "$site/config.yaml" <<YAML
APP:
  SITE: benchsite
  USER: b1
DATAPATH:
  INCOMING: incoming
  SORTED: sorted
  OUTGOING: outgoing
CIPHER:
  FOLDERKEY: BENCHonlyKeyNotForASite0123456789
YAML
cat "$work/source"/*/*/* >/dev/null   # warm page cache for both
echo "input: $files files, $bytes bytes; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

measure() { # label, logfile, command...
  local label=$1 log=$2; shift 2
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -v -o "$work/$label.time" "$@" >"$log" 2>&1
  t1=$(date +%s.%N)
  local secs cpu rss
  secs=$(echo "$t1 - $t0" | bc -l)
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/$label.time")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$label.time")
  printf '%-22s %8.2f s wall %8.2f s cpu  %8.1f files/s  peak RSS %7d KiB\n' "$label" "$secs" "$cpu" "$(echo "$files / $secs" | bc -l)" "$rss"
  eval "secs_$label=$secs"
}

cd "$site"
measure hamlet_process "$work/hamlet.log" "$hamlet" process --config-path config.yaml --settle-seconds 0
cd "$repo"
grep -E "files sorted|files checked|\.zip$" "$work/hamlet.log" | sed 's/^/  hamlet: /'
measure cp_and_zip6 "$work/peer.log" bash -c "cp -r '$work/source' '$work/peer/sorted' && cd '$work/peer/sorted' && zip -q -r -6 '$work/peer/out/peer.zip' ."
printf 'ratio: hamlet process takes %.2fx the wall time of cp -r + zip -r -6 (it also de-identifies every file, checks it, hashes and verifies the archive)\n' \
  "$(echo "$secs_hamlet_process / $secs_cp_and_zip6" | bc -l)"
echo "archives: ours $(stat -c %s "$site"/outgoing/*.zip) bytes, peer $(stat -c %s "$work/peer/out/peer.zip") bytes"
