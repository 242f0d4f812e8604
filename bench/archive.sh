#!/usr/bin/env bash
# New-HamletArchive's writer vs Info-ZIP `zip -r -6` / `zip -r -1` on a CT-like phantom series, in the same run.
# Prints time, archive size, ratio (archive/input) and peak memory (Maximum resident set size from /usr/bin/time -v) per tool,
# then our speed-up over zip at the same level and our size relative to zip's. Target: ours level 6 >= 2x faster than zip -6, no larger.
# Usage: bench/archive.sh [slices=2000]   (WORK=/some/dir to keep the data; KEEP=1 to not delete it)
set -euo pipefail
cd "$(dirname "$0")/.."
slices=${1:-2000}
work=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/hamlet-archive-bench.XXXXXX")}
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
command -v zip >/dev/null || { echo "Info-ZIP zip is not installed (apt-get install zip)"; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is not installed (apt-get install time)"; exit 1; }

dotnet build bench/ArchiveBench/ArchiveBench.csproj -c Release -nologo -v q >/dev/null
bench="dotnet bench/ArchiveBench/bin/Release/net10.0/ArchiveBench.dll"

src="$work/protected"
if [ ! -d "$src" ]; then
  $bench gen "$src/BENCH-0001/2.25.1/CT_1_2.25.2" "$slices"
fi
mkdir -p "$work/out"
input=$(du -sb "$src" | cut -f1)
files=$(find "$src" -type f | wc -l)
cat "$src"/*/*/*/* >/dev/null   # every tool reads from a warm page cache
echo "input: $files files, $input bytes; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(zip -v | sed -n 2p | sed 's/^ *//')"

declare -A secs size rss cpu
run() { # label, command...
  local label=$1; shift
  rm -f "$work/out/$label.zip"
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -v -o "$work/$label.time" "$@" >"$work/$label.log"
  t1=$(date +%s.%N)
  secs[$label]=$(echo "$t1 - $t0" | bc -l)
  size[$label]=$(stat -c %s "$work/out/$label.zip")
  rss[$label]=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$label.time")
  cpu[$label]=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/$label.time")
  printf '%-8s %8.2f s wall %8.2f s cpu  %11d bytes  ratio %.4f  peak RSS %7d KiB\n' "$label" "${secs[$label]}" "${cpu[$label]}" \
    "${size[$label]}" "$(echo "${size[$label]} / $input" | bc -l)" "${rss[$label]}"
}

run ours-6 $bench zip "$src" "$work/out/ours-6.zip" 6
run zip-6  sh -c "cd '$src' && exec zip -q -r -6 '$work/out/zip-6.zip' ."
run ours-1 $bench zip "$src" "$work/out/ours-1.zip" 1
run zip-1  sh -c "cd '$src' && exec zip -q -r -1 '$work/out/zip-1.zip' ."
run ours-6v $bench zip "$src" "$work/out/ours-6v.zip" 6 verify
grep -h '^ours' "$work"/ours-6.log "$work"/ours-1.log

unzip -tqq "$work/out/ours-6.zip" >/dev/null && unzip -tqq "$work/out/ours-1.zip" >/dev/null && echo "unzip -t: ours-6 and ours-1 OK"
for l in 6 1; do
  printf 'level %s: ours %.2fx faster than zip -%s (wall), %.2fx less cpu; size ours/zip = %.4f\n' "$l" \
    "$(echo "${secs[zip-$l]} / ${secs[ours-$l]}" | bc -l)" "$l" "$(echo "${cpu[zip-$l]} / ${cpu[ours-$l]}" | bc -l)" \
    "$(echo "${size[ours-$l]} / ${size[zip-$l]}" | bc -l)"
done
printf 'with -Verify: %.2fx faster than zip -6\n' "$(echo "${secs[zip-6]} / ${secs[ours-6v]}" | bc -l)"
