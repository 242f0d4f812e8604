#!/usr/bin/env bash
# Reading dose reports: the native `hamlet dose --json` over a folder of N synthetic RDSRs (CT, fluoroscopy, mammography,
# written by pydicom through tests/HamletPS.Dicom.Tests/Oracles/make_rdsr.py) beside dcmtk's `dsrdump` reading the same
# files (one dsrdump process per file, as a script would run it; dsrdump reads one document per run), each as a whole
# process, output discarded. Then `hamlet dose import` of the same files into a fresh history and `hamlet dose export`
# as XLSX and `hamlet dose export --chart-path` (the SVG charts), with their peak resident memory (GNU time). Prints wall
# times, the ratio dsrdump/hamlet and the machine's load (the reading is CPU-bound: a shared machine slows both sides).
# Usage: bench/dose.sh [N=2000]   (after tests/run.sh or `dotnet publish src/HamletPS.Cli -c Release -o out/hamlet`)
# DOSE_BENCH_UNIQUE (default 600): how many of the N are written by pydicom; the others are copies with their own UIDs.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
hamlet=${HAMLET_NATIVE_EXE:-$PWD/out/hamlet/hamlet}
[ -x "$hamlet" ] || { echo "no native hamlet at $hamlet: dotnet publish src/HamletPS.Cli -c Release -o out/hamlet"; exit 1; }
command -v dsrdump >/dev/null || { echo "dsrdump missing: apt-get install dcmtk"; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
/usr/bin/python3 - "$work/in" "$n" "${DOSE_BENCH_UNIQUE:-600}" <<'PY'
import os, sys
sys.path.insert(0, "tests/HamletPS.Dicom.Tests/Oracles")
import make_rdsr
from pydicom import dcmread
folder, n, unique = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
# `unique` reports written by pydicom (CT, fluoroscopy, mammography in turn, each seed its own values); the rest are byte
# copies of them, each with a SOP Instance UID of its own (the UID's last digits rewritten, same length: no length
# field changes), so every file is a distinct report to read and to store, at a fraction of pydicom's cost per file.
originals, seen = [], set()
for i in range(min(n, unique)):
    kind = ("ct", "rf", "mg")[i % 3]
    path = os.path.join(folder, "%s-%05d.dcm" % (kind, i))
    sys.argv = ["make_rdsr.py", kind, path, str(i + 1)]
    make_rdsr.main()
    uid = str(dcmread(path, stop_before_pixels=True).SOPInstanceUID)
    originals.append((kind, open(path, "rb").read(), uid))
    seen.add(uid)
for i in range(len(originals), n):
    kind, data, uid = originals[i % len(originals)]
    copy = i // len(originals)
    new = uid[:-6] + "%06d" % (copy * 7919 % 1000000)
    assert len(uid.rsplit(".", 1)[1]) > 6
    while new in seen:
        copy += 1000
        new = uid[:-6] + "%06d" % (copy * 7919 % 1000000)
    seen.add(new)
    with open(os.path.join(folder, "%s-%05d.dcm" % (kind, i)), "wb") as f:
        f.write(data.replace(uid.encode("ascii"), new.encode("ascii")))
PY
echo "$n RDSRs; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
now() { date +%s.%N; }
t0=$(now); /usr/bin/time -f '%e %M' -o "$work/read.time" "$hamlet" dose --json "$work/in" > /dev/null; t1=$(now)
find "$work/in" -type f -name '*.dcm' -print0 | xargs -0 -n 1 dsrdump > /dev/null; t2=$(now)
export HAMLET_BENCH_KEY=bench-only-site-secret
/usr/bin/time -f '%e %M' -o "$work/import.time" "$hamlet" dose import "$work/in" --database-path "$work/h.sqlite" --key HAMLET_BENCH_KEY > "$work/import.out"
/usr/bin/time -f '%e %M' -o "$work/export.time" "$hamlet" dose export "$work/out.xlsx" --database-path "$work/h.sqlite" > /dev/null
/usr/bin/time -f '%e %M' -o "$work/charts.time" "$hamlet" dose export --chart-path "$work/charts" --database-path "$work/h.sqlite" > /dev/null
awk -v h="$(echo "$t1 - $t0" | bc)" -v d="$(echo "$t2 - $t1" | bc)" -v i="$(cat "$work/import.time")" -v e="$(cat "$work/export.time")" -v r="$(cat "$work/read.time")" -v c="$(cat "$work/charts.time")" -v x="$(du -sm "$work/in" | cut -f1)" 'BEGIN {
  split(i, I, " "); split(e, E, " "); split(r, R, " "); split(c, C, " ")
  printf "input                                 %8d MB\n", x
  printf "hamlet dose --json (one process)      %8.2f s, peak RSS %d MB\n", h, R[2] / 1024
  printf "dsrdump (one process per file)        %8.2f s\n", d
  printf "ratio dsrdump / hamlet                %8.1f x\n", d / h
  printf "hamlet dose import                    %8.2f s, peak RSS %d MB\n", I[1], I[2] / 1024
  printf "hamlet dose export (xlsx)             %8.2f s, peak RSS %d MB\n", E[1], E[2] / 1024
  printf "hamlet dose export --chart-path       %8.2f s, peak RSS %d MB\n", C[1], C[2] / 1024
}'
echo "import: $(tail -n 1 "$work/import.out" | sed 's/^.*: //')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
