#!/usr/bin/env bash
# Receive and send throughput of our DICOM network stack beside dcmtk, in one run on the same data.
#   receive: dcmtk storescu (TCP_NODELAY, same max PDU) -> our StorageScp   vs   storescu -> storescp
#   send:    our StorageScu -> storescp                                         vs   storescu -> storescp
# Also one large object. Prints wall times, ratio (ours/dcmtk) and peak RSS (/usr/bin/time -v).
# Usage: bench/dicom-network.sh [FILES=2000] [BYTES_PER_FILE=524288] [BIG_MB=1024]
# ROUNDS=n (env, default 1): run each pair n times, interleaved, and print the best wall time of each side (a busy machine
# adds noise of tens of percent to a single run). BENCH_DURABILITY (env): the receiver's DurabilityMethod (default Automatic).
# SERIES_ONLY=1 (env): only the 2000-file receive cases and the durability floor (for iterating).
# The durability floor (bench/durable-floor.c, built here with gcc): the same number of files of the series' size written into
# the same kind of folder, each made durable before the next (SingleCommit steps, the two-commit steps, O_DSYNC, and no
# sync), with no DICOM and no network: what any receiver that answers "success only once durable" must spend at least.
# Our receiver runs as the shipped hamlet does (published native, src/HamletPS.Cli/HamletRuntime.props).
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=${1:-2000}; SIZE=${2:-524288}; BIG_MB=${3:-1024}; PDU=65536; ROUNDS=${ROUNDS:-1}
work=bench/work/network; rm -rf "$work"; mkdir -p "$work"
dotnet publish bench/HamletPS.Bench.Network -c Release -nologo -v q -o "$work/bin" >/dev/null   # native, as hamlet ships
B=$work/bin/HamletPS.Bench.Network
gcc -O2 -o "$work/durable-floor" bench/durable-floor.c
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
export TCP_NODELAY=1
port() { /usr/bin/python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
waitport() { for _ in $(seq 100); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; return 1; }
# /usr/bin/time ignores SIGINT: stop the storescp it runs (its child), then reap it.
# Peak RSS (MB) of the storescp started under /usr/bin/time (read from /proc before it is stopped).
peer_rss() { awk '/VmHWM/ {printf "%.0f", $2/1024}' /proc/$(pgrep -P "$1")/status 2>/dev/null; }
stop_peer() { kill -TERM $(pgrep -P "$1") 2>/dev/null || true; kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
rss() { awk '/Maximum resident set size/ {printf "%.0f", $6/1024}' "$1"; }
wall() { awk -F': ' '/Elapsed \(wall clock\)/ {split($2,a,":"); if (length(a)==3) print a[1]*3600+a[2]*60+a[3]; else print a[1]*60+a[2]}' "$1"; }

echo "generating $FILES CT files of $SIZE bytes and one ${BIG_MB} MB object..."
$B gen "$work/series" "$FILES" "$SIZE"
[ "${SERIES_ONLY:-0}" = 1 ] || $B gen "$work/big" 1 $((BIG_MB * 1048576))
du -sh "$work/series" $([ -d "$work/big" ] && echo "$work/big") | sed 's/^/  /'

# $1 label, $2 source folder, $3 count
# $4: "sync" (default: fsync each file before answering success) or "nosync" (like storescp)
min() { echo "if ($1 == 0 || $2 < $1) $2 else $1" | bc; }
maxi() { [ "${1:-0}" -gt "${2:-0}" ] && echo "${1:-0}" || echo "${2:-0}"; }
receive_pair() {
  local label=$1 src=$2 count=$3 mode=${4:-sync} ours=0 theirs=0 ours_rss=0 theirs_rss=0 method=
  for _ in $(seq "$ROUNDS"); do
    # ours
    rm -rf "$work/rx"; mkdir -p "$work/rx"; p=$(port)
    /usr/bin/time -v -o "$work/ours.time" $B receive "$work/rx" "$p" HAMLET $PDU "$count" "$mode" >/dev/null 2>"$work/ours.err" & rpid=$!
    waitport "$p"
    s=$(date +%s.%N); storescu -pdu $PDU +sd -aec HAMLET 127.0.0.1 "$p" "$src" ; e=$(date +%s.%N)
    wait $rpid; ours=$(min "$ours" "$(echo "$e - $s" | bc)"); ours_rss=$(maxi "$ours_rss" "$(rss "$work/ours.time")")
    [ "$(ls "$work/rx" | wc -l)" = "$count" ] || { echo "ours received $(ls "$work/rx" | wc -l)/$count"; exit 1; }
    method=$(awk '/^durability/ {print $2}' "$work/ours.err")
    # dcmtk
    rm -rf "$work/rx"; mkdir -p "$work/rx"; p=$(port)
    /usr/bin/time -v -o "$work/dcmtk.time" storescp -pdu $PDU -aet HAMLET --output-directory "$work/rx" "$p" & spid=$!
    waitport "$p"
    s=$(date +%s.%N); storescu -pdu $PDU +sd -aec HAMLET 127.0.0.1 "$p" "$src"; e=$(date +%s.%N)
    theirs_rss=$(maxi "$theirs_rss" "$(peer_rss $spid)"); stop_peer $spid
    theirs=$(min "$theirs" "$(echo "$e - $s" | bc)")
  done
  printf "%-28s ours %7.2f s (%4s MB RSS)   storescp %7.2f s (%4s MB RSS)   ratio %.2f   [ours: %s]\n" "$label" "$ours" "$ours_rss" "$theirs" "$theirs_rss" "$(echo "$ours / $theirs" | bc -l)" "$method"
  if [ "$count" = "$FILES" ]; then storescp_best=$(min "${storescp_best:-0}" "$theirs"); fi
}

# The durability floor beside storescp's series time ($storescp_best): best of ROUNDS per method.
floor() {
  local size; size=$(stat -c %s "$(ls -d "$work/series"/* | head -1)")
  echo "== durability floor: $FILES files of $size bytes, written and made durable one after another (no DICOM, no network)"
  for m in single two dsync nosync; do
    local best=0
    for _ in $(seq "$ROUNDS"); do
      rm -rf "$work/rx"; mkdir -p "$work/rx"
      t=$("$work/durable-floor" "$work/rx" "$FILES" "$size" $m | awk '{print $(NF-1)}')
      best=$(min "$best" "$t")
    done
    printf "%-28s %7.2f s   storescp (no sync, with DICOM and network) %7.2f s   floor/storescp %.2f\n" "floor $m" "$best" "$storescp_best" "$(echo "$best / $storescp_best" | bc -l)"
  done
  echo "   (floor/storescp > 1 for single and two: no receiver that answers success only once the file is durable can reach"
  echo "    1.0x storescp on this disk with one operation in flight)"
}

send_pair() {
  local label=$1 src=$2 ours=0 theirs=0 ours_rss=0 theirs_rss=0
  rm -rf "$work/rx"; mkdir -p "$work/rx"; p=$(port)
  storescp -pdu $PDU -aet PEER --output-directory "$work/rx" "$p" & spid=$!
  waitport "$p"
  for _ in $(seq "$ROUNDS"); do
    /usr/bin/time -v -o "$work/ours.time" $B send 127.0.0.1 "$p" PEER "$src" $PDU >/dev/null
    ours=$(min "$ours" "$(wall "$work/ours.time")"); ours_rss=$(maxi "$ours_rss" "$(rss "$work/ours.time")")
    rm -rf "$work/rx"/*
    /usr/bin/time -v -o "$work/dcmtk.time" storescu -pdu $PDU +sd -aec PEER 127.0.0.1 "$p" "$src"
    theirs=$(min "$theirs" "$(wall "$work/dcmtk.time")"); theirs_rss=$(maxi "$theirs_rss" "$(rss "$work/dcmtk.time")")
    rm -rf "$work/rx"/*
  done
  stop_peer $spid
  printf "%-28s ours %7.2f s (%4s MB RSS)   storescu %7.2f s (%4s MB RSS)   ratio %.2f\n" "$label" "$ours" "$ours_rss" "$theirs" "$theirs_rss" "$(echo "$ours / $theirs" | bc -l)"
}

echo "== receive (storescu -> receiver), max PDU $PDU"
echo "   (ours durable: each file and its name synced before the success status; storescp syncs nothing)"
receive_pair "series $FILES files (durable)" "$work/series" "$FILES" sync
receive_pair "series $FILES files (no sync)" "$work/series" "$FILES" nosync
floor
if [ "${SERIES_ONLY:-0}" = 1 ]; then echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"; rm -rf "$work"; exit 0; fi
receive_pair "one ${BIG_MB} MB object" "$work/big" 1 sync
echo "== send (sender -> storescp)"
send_pair "series $FILES files" "$work/series"
send_pair "one ${BIG_MB} MB object" "$work/big"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$work"
