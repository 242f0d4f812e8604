#!/usr/bin/env bash
# Pixel masking of an uncompressed ultrasound cine: `hamlet protect` (native, with a profile whose mask rule blanks the text
# banner and one more rectangle in every frame, the whole de-identification, the residual check, the seal and the vault
# record that keeps the masked regions' original bytes for Unprotect) against a pydicom script doing only the masking
# (dcmread, pixel_array, numpy slice assignment, PixelData = tobytes(), Burned In Annotation NO, save_as), on the same
# synthetic cine (hamlet-gen cine: the canary's name and MRN drawn into each frame), in the same run.
# Prints wall time, CPU time and peak memory (Maximum resident set size, /usr/bin/time -v) of both, the ratio, and our peak
# memory on a 100-frame and a 500-frame cine, with the vault and without (without, the streamed mask alone: flat in frame
# count, the frames are never held; with it, plus a few copies of the record's deflated originals, bounded at 16 MiB).
# Targets: ours >= 5x faster than pydicom whole-process on 500 frames; our peak memory the same for 100 and 500 frames.
# Usage: bench/pixel-mask.sh [frames=500] [rows=600] [columns=800] [samples=3]   (WORK=dir keeps data; ROUNDS=n, default 3)
# Fairness: the input is read before each timed command (page cache warm for both); `sync` before each, so neither pays for
# the other's dirty pages; best wall time of the rounds per tool (the machine is shared), largest peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
frames=${1:-500}; rows=${2:-600}; columns=${3:-800}; samples=${4:-3}
work=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/hamlet-pixel-bench.XXXXXX")}
[ -n "${WORK:-}" ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
[ -x /usr/bin/time ] || { echo "/usr/bin/time is not installed"; exit 1; }
/usr/bin/python3 -c 'import pydicom, numpy' 2>/dev/null || { echo "pydicom and numpy (python3-pydicom, python3-numpy) are not installed"; exit 1; }

dotnet build src/HamletPS.Generators -c Release -nologo -v q >/dev/null
[ -x out/hamlet/hamlet ] && [ "${REBUILD:-1}" = 0 ] || dotnet publish src/HamletPS.Cli -c Release -nologo -v q -o out/hamlet >/dev/null
gen=src/HamletPS.Generators/bin/Release/net10.0/hamlet-gen
hamlet=out/hamlet/hamlet
rounds=${ROUNDS:-3}

small=$(( frames / 5 )); [ "$small" -ge 1 ] || small=1
for n in "$frames" "$small"; do
  [ -f "$work/cine-$n.dcm" ] || $gen cine --out "$work/cine-$n.dcm" --frames "$n" --rows "$rows" --columns "$columns" --samples "$samples" >"$work/gen-$n.log"
done
banner_h=$(sed -n 's/.*text banner \[0, 0, [0-9]*, \([0-9]*\)\].*/\1/p' "$work/gen-$frames.log" 2>/dev/null || true)
[ -n "$banner_h" ] || banner_h=64
# The rule: the text banner (full width) and a lower-right box (partial rows: one range per row per frame).
bx=$(( columns * 3 / 4 )); by=$(( rows * 3 / 4 )); bw=$(( columns / 4 )); bh=$(( rows / 8 ))
cat >"$work/profile.yaml" <<YAML
name: bench-pixels
options: [RetainLongitudinalModifiedDates, RetainDeviceIdentity]
pixels:
  rules:
    - name: bench-banner
      when: { modality: US, manufacturer: "SYNTHETIC*" }
      mask: [[0, 0, $columns, $banner_h], [$bx, $by, $bw, $bh]]
YAML
cat >"$work/mask.py" <<PY
import sys, pydicom
ds = pydicom.dcmread(sys.argv[1])
a = ds.pixel_array.copy()          # frames x rows x columns (x samples)
a[:, 0:$banner_h, 0:$columns, ...] = 0
a[:, $by:$by + $bh, $bx:$bx + $bw, ...] = 0
ds.PixelData = a.tobytes()
ds.BurnedInAnnotation = "NO"
ds.save_as(sys.argv[2])
PY
export HAMLET_BENCH_SECRET=bench-site-secret-not-for-production
input=$(stat -c %s "$work/cine-$frames.dcm")
echo "input: $frames frames of ${columns}x${rows}x${samples} (8 bits), $input bytes; mask [0,0,$columns,$banner_h] + [$bx,$by,$bw,$bh]; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

declare -A secs rss cpu
run() { # label, input file, command... (@OUT@ = a fresh output folder, @IN@ = the input)
  local label=$1 in=$2; shift 2
  local out="$work/out-$label-$round"
  rm -rf "$out" "$work/site-$label-$round"; mkdir -p "$out"
  cat "$in" >/dev/null; sync
  local cmd=("${@//@OUT@/$out}"); cmd=("${cmd[@]//@IN@/$in}"); cmd=("${cmd[@]//@SITE@/$work/site-$label-$round}")
  local t0 t1 s r c; t0=$(date +%s.%N)
  /usr/bin/time -v -o "$work/$label.time" "${cmd[@]}" >"$work/$label.log" 2>&1 || { echo "$label failed:"; tail -5 "$work/$label.log"; exit 1; }
  t1=$(date +%s.%N)
  s=$(echo "$t1 - $t0" | bc -l)
  r=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$label.time")
  c=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/$label.time")
  printf '  %-10s %8.2f s wall %8.2f s cpu  peak RSS %8d KiB\n' "$label" "$s" "$c" "$r"
  if [ -z "${secs[$label]:-}" ] || [ "$(echo "$s < ${secs[$label]}" | bc -l)" = 1 ]; then secs[$label]=$s; cpu[$label]=$c; fi
  if [ -z "${rss[$label]:-}" ] || [ "$r" -gt "${rss[$label]}" ]; then rss[$label]=$r; fi
  rm -rf "$out"
  [ "$round" = "$rounds" ] || rm -rf "$work/site-$label-$round"
}
protect=("$hamlet" protect @IN@ --destination @OUT@ --profile "$work/profile.yaml" --key HAMLET_BENCH_SECRET)
for round in $(seq 1 "$rounds"); do
  echo "round $round (load $(cut -d' ' -f1-3 /proc/loadavg))"
  run ours     "$work/cine-$frames.dcm" "${protect[@]}" --vault-path @SITE@
  run pydicom  "$work/cine-$frames.dcm" /usr/bin/python3 "$work/mask.py" @IN@ @OUT@/masked.dcm
  run ours-$small "$work/cine-$small.dcm" "${protect[@]}" --vault-path @SITE@
  run novault  "$work/cine-$frames.dcm" "${protect[@]}"
  run novault-$small "$work/cine-$small.dcm" "${protect[@]}"
done
record=$(stat -c %s "$work"/site-ours-"$rounds"/*.hpv)
grep -q "1 protected\|protected: 1\|Protected" "$work/ours.log" || { echo "ours did not protect the cine:"; cat "$work/ours.log"; exit 1; }
echo "best of $rounds rounds:"
for label in ours pydicom "ours-$small" novault "novault-$small"; do
  printf '%-10s %8.2f s wall %8.2f s cpu  peak RSS %8d KiB\n' "$label" "${secs[$label]}" "${cpu[$label]}" "${rss[$label]}"
done
printf 'speed-up vs pydicom  %.2f x wall, %.2f x cpu (target >= 5)\n' "$(echo "${secs[pydicom]} / ${secs[ours]}" | bc -l)" "$(echo "${cpu[pydicom]} / ${cpu[ours]}" | bc -l)"
printf 'our peak memory      %d MiB at %d frames, %d MiB at %d frames (pydicom %d MiB at %d frames)\n' \
  "$(( ${rss[ours]} / 1024 ))" "$frames" "$(( ${rss[ours-$small]} / 1024 ))" "$small" "$(( ${rss[pydicom]} / 1024 ))" "$frames"
printf '  without a vault    %d MiB at %d frames, %d MiB at %d frames (the streamed mask alone: no originals kept)\n' \
  "$(( ${rss[novault]} / 1024 ))" "$frames" "$(( ${rss[novault-$small]} / 1024 ))" "$small"
printf 'record file          %d bytes for %d frames (the masked regions deflated, sealed; bound 16 MiB per instance)\n' "$record" "$frames"
