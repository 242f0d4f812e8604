#!/usr/bin/env bash
# Upload a 1 GB archive to the local Azure Files endpoint with HamletPS's ShareUploader and with azure-cli
# (`az storage file upload`) in the same run; print MB/s of each, the ratio, and peak memory (/usr/bin/time -v).
# Target: ShareUploader >= 2x azure-cli's throughput, peak memory < 150 MB.
# Usage: bench/azure-upload.sh [MiB, default 1024]
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib=${1:-1024}
work=$(mktemp -d /tmp/hamlet-bench-upload.XXXXXX)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build bench/HamletPS.Bench.Upload -c Release -nologo -v q >/dev/null
bench=bench/HamletPS.Bench.Upload/bin/Release/net10.0/HamletPS.Bench.Upload.dll
file="$work/archive.zip"
dotnet "$bench" generate "$file" "$size_mib"
bytes=$(stat -c %s "$file")

# The endpoint runs in its own process (its memory is not counted for either client); stdin held open by a fifo.
mkfifo "$work/hold"
dotnet "$bench" serve "$work/store" "$work/cs" < "$work/hold" &
server_pid=$!
exec 9>"$work/hold"
for _ in $(seq 1 100); do [ -s "$work/cs" ] && break; sleep 0.1; done
cs=$(cat "$work/cs")
export AZURE_STORAGE_CONNECTION_STRING="$cs" AZURE_CONFIG_DIR="$work/az" AZURE_CORE_COLLECT_TELEMETRY=false AZURE_CORE_ONLY_SHOW_ERRORS=true
az storage share create --name bench --only-show-errors -o none

cpu() { awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$1"; }
peak() { sed -n 's/.*Maximum resident set size (kbytes): \([0-9]*\).*/\1/p' "$1"; }
wall() { sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): \(.*\)/\1/p' "$1" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'; }

sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
/usr/bin/time -v -o "$work/ours.time" dotnet "$bench" upload "$cs" bench/ours "$file" > "$work/ours.out"
ours_s=$(wall "$work/ours.time"); ours_rss=$(peak "$work/ours.time"); ours_cpu=$(cpu "$work/ours.time")

/usr/bin/time -v -o "$work/az.time" az storage file upload --share-name bench --source "$file" --path az-archive.zip --only-show-errors -o none 2>/dev/null
az_s=$(wall "$work/az.time"); az_rss=$(peak "$work/az.time"); az_cpu=$(cpu "$work/az.time")

# Like for like: azure-cli also sending a transactional MD5 per range (--validate-content), as ShareUploader always does.
/usr/bin/time -v -o "$work/azv.time" az storage file upload --share-name bench --source "$file" --path az-validated.zip --validate-content --only-show-errors -o none 2>/dev/null
azv_s=$(wall "$work/azv.time"); azv_rss=$(peak "$work/azv.time"); azv_cpu=$(cpu "$work/azv.time")

awk -v b="$bytes" -v os="$ours_s" -v as="$az_s" -v orss="$ours_rss" -v arss="$az_rss" -v ocpu="$ours_cpu" -v acpu="$az_cpu" -v vs="$azv_s" -v vrss="$azv_rss" -v vcpu="$azv_cpu" -v load="$(cut -d' ' -f1 /proc/loadavg)" -v inner="$(cat "$work/ours.out")" 'BEGIN {
  om = b / os / 1e6; am = b / as / 1e6;
  printf "file: %.0f MB (%d bytes)\n", b / 1e6, b;
  printf "HamletPS ShareUploader : %6.1f MB/s  (%.2f s wall incl. process start; in-process: %s)  peak RSS %.0f MB, client CPU %s s\n", om, os, inner, orss / 1024, ocpu;
  printf "azure-cli file upload  : %6.1f MB/s  (%.2f s wall incl. process start)  peak RSS %.0f MB, client CPU %s s\n", am, as, arss / 1024, acpu;
  vm = b / vs / 1e6;
  printf "azure-cli --validate-content: %6.1f MB/s  (%.2f s wall)  peak RSS %.0f MB, client CPU %s s\n", vm, vs, vrss / 1024, vcpu;
  printf "machine load average at the end: %s (on %d cores)\n", load, '"$(nproc)"';
  printf "ratio (ours / az)      : %.2fx   target >= 2x; memory target < 150 MB\n", om / am;
  printf "ratio (ours / az --validate-content): %.2fx\n", om / vm;
}'
