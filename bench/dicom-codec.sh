#!/usr/bin/env bash
# DICOM codec benchmark on a generated CT series (default 2000 slices, 512x512, 16 bit, CtPhantom), every figure wall-clock
# of whole processes (start-up included) unless marked in-process, all in the same run on the same files:
#   header parse:  hamlet inspect (published native, ahead of time, as a site installs it) | hamlet inspect --json | hamlet
#                  inspect from the plain build output (JIT) | dcmdump -q -M (xargs) | pydicom dcmread(stop_before_pixels)
#                  + in-process passes of DicomFile.Open(HeaderOnly) (HamletPS.Bench headers)
#   round trip:    ours read+write (HamletPS.Bench roundtrip: DicomFile.Open + Save per file, one thread; roundtrip-parallel:
#                  one file per core, as hamlet's verbs rewrite files; no hamlet verb rewrites a file
#                  without de-identifying it) | cp -r | pydicom dcmread + save_as
#                  + in-process: ours read+write against File.Copy, alternating (HamletPS.Bench versus-copy)
#   optional 2 GB streaming proof (third argument; tests/HamletPS.Dicom.Tests LargeFileTests asserts the same).
# Each step runs REPEATS times and the median is reported; before every round-trip step `sync` runs and (as root) the page
# cache is dropped and the source re-read. The machine is shared: the load average is printed; compare ratios within a run.
# Usage: bench/dicom-codec.sh [file-count=2000] [repeats=3] [big-file-MB=0]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
count=${1:-2000}
repeats=${2:-3}
bigmb=${3:-0}
[ -x /usr/bin/time ] || { echo "/usr/bin/time is not installed (apt-get install time)"; exit 1; }
command -v gcc >/dev/null || { echo "gcc is not installed (it builds the rewrite floor)"; exit 1; }
command -v dcmdump >/dev/null || { echo "dcmdump is not installed (apt-get install dcmtk)"; exit 1; }
/usr/bin/python3 -c 'import pydicom' 2>/dev/null || { echo "pydicom is not installed (apt-get install python3-pydicom)"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hamletps-dicom-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
results="$work/results.txt"
: > "$results"

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "   load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build src/HamletPS.Cli -c Release -nologo -v q >/dev/null
dotnet publish src/HamletPS.Cli -c Release -nologo -v q -o "$work/hamlet" >/dev/null      # native (HamletRuntime.props)
dotnet publish bench/HamletPS.Bench -c Release -nologo -v q -o "$work/bench" >/dev/null       # native too, as hamlet ships
BENCH="$work/bench/HamletPS.Bench"
HAMLET="$work/hamlet/hamlet"
HAMLET_BUILT="$repo/src/HamletPS.Cli/bin/Release/net10.0/hamlet"
gcc -O2 -pthread -o "$work/rewrite-floor" bench/rewrite-floor.c   # the least a rewrite with temporary name + rename costs
src="$work/src"

timed() { # name command... : one run; appends "name wall cpu rss_kb" to the results, output to /dev/null
  local name=$1; shift
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S %M" -o "$work/time.txt" "$@" > /dev/null
  end=$(date +%s.%N)
  read -r user sys rss < "$work/time.txt"
  echo "$name $(echo "$end - $start" | bc -l) $(echo "$user + $sys" | bc -l) $rss" >> "$results"
}

median() { # name column(2 wall, 3 cpu, 4 rss) : median over the repetitions (max for rss)
  awk -v n="$1" -v c="$2" '$1 == n {print $c}' "$results" | sort -g | awk -v c="$2" '
    {v[NR] = $1} END { if (NR == 0) {print 0; exit} if (c == 4) {print v[NR]; exit}
      if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

row() { # name label
  local wall cpu rss
  wall=$(median "$1" 2); cpu=$(median "$1" 3); rss=$(median "$1" 4)
  printf '   %-44s %7.3f s  %7.0f files/s  %6.0f MB/s  CPU %6.2f s  peak RSS %5d MB\n' "$2" "$wall" \
    "$(echo "$count / $wall" | bc -l)" "$(echo "$size_mb / $wall" | bc -l)" "$cpu" $((rss / 1024))
}

ratio() { echo "scale=2; $(median "$1" 2) / $(median "$2" 2)" | bc -l; }         # wall
cpu_ratio() { echo "scale=2; $(median "$1" 3) / $(median "$2" 3)" | bc -l; }     # user+sys: less skewed by a loaded machine

echo "== generating $count CT slices"
"$BENCH" generate "$src" "$count" > /dev/null
size_mb=$(du -sm "$src" | cut -f1)
echo "   $size_mb MB in $src"
cat "$src"/* > /dev/null   # page cache warm: every reader sees the same cache state

echo "== header parse, $repeats runs each (median)"
for ((r = 0; r < repeats; r++)); do
  timed ours_inspect "$HAMLET" inspect "$src"
  timed ours_inspect_json "$HAMLET" inspect --json "$src"
  timed ours_inspect_built "$HAMLET_BUILT" inspect "$src"
  timed dcmdump bash -c "find '$src' -name '*.dcm' -print0 | xargs -0 dcmdump -q -M"
  timed pydicom_headers /usr/bin/python3 -c "
import sys, glob, pydicom
for f in sorted(glob.glob(sys.argv[1] + '/*.dcm')): pydicom.dcmread(f, stop_before_pixels=True).Modality" "$src"
done
row ours_inspect "hamlet inspect (native)"
row ours_inspect_json "hamlet inspect --json (native)"
row ours_inspect_built "hamlet inspect (build output, JIT)"
row dcmdump "dcmdump -q -M"
row pydicom_headers "pydicom dcmread(stop_before_pixels=True)"
echo "   in-process (HamletPS.Bench headers; pass 1 touches everything for the first time):"
"$BENCH" headers "$src" 3 | sed 's/^/     /'

settle() { # before each round-trip step: dirty pages written, and (as root; DROP_CACHES=0 turns it off) the page cache dropped
  # and the source read back in, so every step starts from the same cache state (a 1 GB copy on this VM otherwise takes
  # 0.3 s or 2 s depending on what ran before it)
  sync
  if [ "${DROP_CACHES:-1}" = 1 ] && [ -w /proc/sys/vm/drop_caches ]; then echo 1 > /proc/sys/vm/drop_caches; cat "$src"/* > /dev/null; fi
}
echo "== read + write round trip, $repeats runs each (median; sync, page cache dropped and source re-read before each)"
for ((r = 0; r < repeats; r++)); do
  steps=(cp floor ours ourspar pydicom)
  [ $((r % 2)) = 1 ] && steps=(ourspar ours floor cp pydicom)
  for step in "${steps[@]}"; do
    rm -rf "$work/dst"; settle
    case $step in
      cp) timed cp_r cp -r "$src" "$work/dst" ;;
      floor) timed floor_1 "$work/rewrite-floor" "$src" "$work/dst" 1 ;;
      ours) timed ours_roundtrip "$BENCH" roundtrip "$src" "$work/dst" ;;
      ourspar) timed ours_roundtrip_parallel "$BENCH" roundtrip-parallel "$src" "$work/dst" ;;
      pydicom) mkdir -p "$work/dst"; timed pydicom_roundtrip /usr/bin/python3 -c "
import sys, os, glob, pydicom
for f in sorted(glob.glob(sys.argv[1] + '/*.dcm')): pydicom.dcmread(f).save_as(os.path.join(sys.argv[2], os.path.basename(f)))" "$src" "$work/dst" ;;
    esac
  done
done
rm -rf "$work/dst"
row cp_r "cp -r"
row floor_1 "floor: header, temp file, kernel copy, rename"
row ours_roundtrip "ours DicomFile.Open + Save (process)"
row ours_roundtrip_parallel "ours, one file per core (process)"
row pydicom_roundtrip "pydicom dcmread + save_as"
echo "   in-process, same process, alternating with sync (HamletPS.Bench versus-copy):"
"$BENCH" versus-copy "$src" "$work/dst" "$repeats" | sed 's/^/     /'

echo "== summary (wall-clock of whole processes, medians)"
inspect_rate=$(echo "scale=0; $count / $(median ours_inspect 2)" | bc -l)
echo "   header parse: hamlet inspect $inspect_rate files/s (target >= 10000);" \
  "dcmdump / ours $(ratio dcmdump ours_inspect)x, pydicom / ours $(ratio pydicom_headers ours_inspect)x," \
  "build output (JIT) / native $(ratio ours_inspect_built ours_inspect)x"
echo "   round trip: floor (one thread, no DICOM) / cp -r $(ratio floor_1 cp_r)x; ours / cp -r $(ratio ours_roundtrip cp_r)x (target <= 1.5x); one file per core (as hamlet's verbs rewrite files)" \
  "$(ratio ours_roundtrip_parallel cp_r)x; pydicom / ours $(ratio pydicom_roundtrip ours_roundtrip)x"
echo "   CPU (user+sys) ratios: header parse dcmdump / ours $(cpu_ratio dcmdump ours_inspect)x, pydicom / ours $(cpu_ratio pydicom_headers ours_inspect)x;" \
  "round trip ours / cp -r $(cpu_ratio ours_roundtrip cp_r)x, pydicom / ours $(cpu_ratio pydicom_roundtrip ours_roundtrip)x"

if [ "$bigmb" -gt 0 ]; then
  echo "== streaming proof: ${bigmb} MB file read and rewritten"
  "$BENCH" bigfile "$work/big" "$bigmb"
fi
echo "   load average at end: $(cut -d' ' -f1-3 /proc/loadavg)  (other jobs on this machine skew every wall figure; ratios within a run count)"
