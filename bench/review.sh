#!/usr/bin/env bash
# The review page (`hamlet review`) of a protected 2000-slice CT study (`hamlet-gen series --slices 2000 --size 512`, protected
# with `hamlet protect`, hamlet-rt profile), from the protected folder and from its archive (`hamlet archive`, deflate level 6,
# read in place), against floors in the same run: pydicom reading every header (dcmread stop_before_pixels), dcmdump reading
# every file without its long values (-M), and `unzip -p` inflating the whole archive.
# Prints wall and CPU seconds and peak memory (Maximum resident set size from /usr/bin/time -v) for each.
# Target (issue 19): under ~10 s here, peak memory < 200 MB.
# Usage: bench/review.sh [slices=2000]   (WORK=/some/dir to keep the data; KEEP=1 to not delete it; ROUNDS=n, default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
slices=${1:-2000}
rounds=${ROUNDS:-2}
work=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/hamlet-review-bench.XXXXXX")}
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "/usr/bin/time is not installed (apt-get install time)"; exit 1; }
command -v dcmdump >/dev/null || { echo "dcmdump (dcmtk) is not installed"; exit 1; }
command -v unzip >/dev/null || { echo "unzip is not installed"; exit 1; }
/usr/bin/python3 -c 'import pydicom' 2>/dev/null || { echo "pydicom is not installed (apt-get install python3-pydicom)"; exit 1; }

dotnet build src/HamletPS.Cli -c Release -nologo -v q >/dev/null
dotnet build src/HamletPS.Generators -c Release -nologo -v q >/dev/null
hamlet="$repo/src/HamletPS.Cli/bin/Release/net10.0/hamlet"
gen="$repo/src/HamletPS.Generators/bin/Release/net10.0/hamlet-gen"
export HAMLET_SITE_KEY=BENCHonlyKeyNotForASite0123456789

if [ ! -d "$work/protected" ]; then
  rm -rf "$work/source" "$work/outgoing" "$work/vault"
  "$gen" series --out "$work/source" --patients 1 --slices "$slices" --size 512 >/dev/null
  "$hamlet" protect "$work/source" --destination "$work/protected" --vault-path "$work/vault" >"$work/protect.log" 2>&1 \
    || { echo "protect failed:"; tail -5 "$work/protect.log"; exit 1; }
  "$hamlet" archive "$work/protected" --destination "$work/outgoing" --site bench --user b1 >"$work/archive.log" 2>&1 \
    || { echo "archive failed:"; tail -5 "$work/archive.log"; exit 1; }
fi
archive=$(ls "$work"/outgoing/*.zip | head -1)
files=$(find "$work/protected" -type f | wc -l)
bytes=$(du -sb "$work/protected" | cut -f1)
find "$work/protected" -type f -exec cat {} + >/dev/null; cat "$archive" >/dev/null   # warm page cache for every reader
echo "input: $files protected files, $bytes bytes; archive $(stat -c %s "$archive") bytes; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

cat >"$work/headers.py" <<'PY'
import os, sys, pydicom
n = 0
for root, _, names in os.walk(sys.argv[1]):
    for name in names:
        ds = pydicom.dcmread(os.path.join(root, name), stop_before_pixels=True)
        n += 1
print(n, "headers")
PY

declare -A best rss
measure() { # label, command...   (best wall time of the rounds, largest peak memory)
  local label=$1; shift
  local t0 t1 s r c
  t0=$(date +%s.%N)
  /usr/bin/time -v -o "$work/$label.time" "$@" >"$work/$label.log" 2>&1 || { echo "$label failed:"; tail -5 "$work/$label.log"; }
  t1=$(date +%s.%N)
  s=$(echo "$t1 - $t0" | bc -l)
  r=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$label.time")
  c=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/$label.time")
  printf '  %-16s %8.2f s wall %8.2f s cpu  peak RSS %8d KiB\n' "$label" "$s" "$c" "$r"
  if [ -z "${best[$label]:-}" ] || [ "$(echo "$s < ${best[$label]}" | bc -l)" = 1 ]; then best[$label]=$s; fi
  if [ -z "${rss[$label]:-}" ] || [ "$r" -gt "${rss[$label]}" ]; then rss[$label]=$r; fi
}
for round in $(seq 1 "$rounds"); do
  echo "round $round (load $(cut -d' ' -f1-3 /proc/loadavg))"
  measure review_folder  "$hamlet" review "$work/protected" -o "$work/folder.html"
  measure review_archive "$hamlet" review "$archive" -o "$work/archive.html"
  measure pydicom_headers /usr/bin/python3 "$work/headers.py" "$work/protected"
  measure dcmdump_M      bash -c "find '$work/protected' -type f -print0 | xargs -0 dcmdump -q -M +P 0020,000e >/dev/null"
  measure unzip_p        bash -c "unzip -p '$archive' >/dev/null"
done
grep -h "instances" "$work/review_folder.log" "$work/review_archive.log" | sed 's/^/  hamlet: /'
echo "page: $(stat -c %s "$work/folder.html") bytes (folder), $(stat -c %s "$work/archive.html") bytes (archive)"
for label in review_folder review_archive pydicom_headers dcmdump_M unzip_p; do
  printf '%-16s best %6.2f s  peak RSS %6.1f MiB\n' "$label" "${best[$label]}" "$(echo "${rss[$label]} / 1024" | bc -l)"
done
printf 'ratio: review of the folder takes %.2fx the wall time of pydicom reading every header; of the archive %.2fx unzip -p\n' \
  "$(echo "${best[review_folder]} / ${best[pydicom_headers]}" | bc -l)" "$(echo "${best[review_archive]} / ${best[unzip_p]}" | bc -l)"
