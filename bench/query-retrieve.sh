#!/usr/bin/env bash
# Query and retrieve against Orthanc, ours beside dcmtk, in one run on the same data:
#   C-FIND of STUDIES one-instance studies:   hamlet find --json          vs  findscu -S
#   C-GET of a CT series of SERIES files:      hamlet retrieve             vs  getscu (into a folder)
#   C-MOVE of the same series:                 hamlet retrieve --method move --receiver-port (our receiver)
#                                              vs movescu --port (its own receiver; storescp-like)
# Prints wall time, ratio (ours/dcmtk) and peak RSS (/usr/bin/time -v) of each side.
# The CT series is made by `hamlet-gen series` (src/HamletPS.Synthetic: SERIES slices of MATRIX x MATRIX, 16 bits); the
# one-instance studies by pydicom (tiny: only the C-FIND matters). All synthetic.
# Durability floor: our retrieve writes every file as Receive-Dicom does (durable before its C-STORE-RSP says success);
# getscu and movescu write without any sync. bench/durable-floor.c writes the same number of files of the same size the
# same way with no DICOM and no network: the least any retrieve that keeps that promise must spend here. It is printed
# beside the ratios; when it is above dcmtk's wall time, the 1.0x target lies below what this machine allows durably.
# Usage: bench/query-retrieve.sh [STUDIES=10000] [SERIES=2000] [MATRIX=512]
# ROUNDS=n (env, default 1): run each case n times, interleaved ours/dcmtk, and keep the best wall time of each side.
set -euo pipefail
cd "$(dirname "$0")/.."
STUDIES=${1:-10000}; SERIES=${2:-2000}; MATRIX=${3:-512}; ROUNDS=${ROUNDS:-1}
work=bench/work/qr; rm -rf "$work"; mkdir -p "$work"
# HAMLET_EXE (env): an already published hamlet; else it is published here (native, as hamlet ships).
if [ -n "${HAMLET_EXE:-}" ]; then H=$HAMLET_EXE; else dotnet publish src/HamletPS.Cli -c Release -nologo -v q -o "$work/hamlet" >/dev/null; H=$work/hamlet/hamlet; fi
dotnet build src/HamletPS.Generators -c Release -nologo -v q >/dev/null
gen=src/HamletPS.Generators/bin/Release/net10.0/hamlet-gen
gcc -O2 -o "$work/durable-floor" bench/durable-floor.c
export TCP_NODELAY=1   # dcmtk's tools (and Orthanc's dcmtk) with Nagle off, as ours: as bench/dicom-network.sh
port() { /usr/bin/python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
waitport() { for _ in $(seq 300); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; return 1; }
rss() { awk '/Maximum resident set size/ {printf "%.0f", $6/1024}' "$1"; }
wall() { awk -F': ' '/Elapsed \(wall clock\)/ {split($2,a,":"); if (length(a)==3) print a[1]*3600+a[2]*60+a[3]; else print a[1]*60+a[2]}' "$1"; }
min() { echo "if ($1 == 0 || $2 < $1) $2 else $1" | bc; }
maxi() { [ "${1:-0}" -gt "${2:-0}" ] && echo "${1:-0}" || echo "${2:-0}"; }
declare -A best peak
# timed KEY COMMAND...: runs COMMAND under /usr/bin/time -v, keeps the best wall time and the highest peak RSS of KEY.
timed() {
  local key=$1; shift
  /usr/bin/time -v -o "$work/t.$key" "$@"
  best[$key]=$(min "${best[$key]:-0}" "$(wall "$work/t.$key")"); peak[$key]=$(maxi "${peak[$key]:-0}" "$(rss "$work/t.$key")")
}
report() { # label ours-key dcmtk-key
  printf '%-8s ours %7.2f s %5s MB | dcmtk %7.2f s %5s MB | ratio %.2f\n' "$1" "${best[$2]}" "${peak[$2]}" "${best[$3]}" "${peak[$3]}" "$(echo "${best[$2]} / ${best[$3]}" | bc -l)"
}

echo "generating $STUDIES one-instance studies (pydicom) and a CT series of $SERIES slices of ${MATRIX}x${MATRIX} (hamlet-gen)..."
/usr/bin/python3 - "$work" "$STUDIES" <<'PY'
import sys, os
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid
work, studies = sys.argv[1], int(sys.argv[2])
os.makedirs(work + '/studies')
for i in range(studies):
    ds = Dataset()
    ds.file_meta = FileMetaDataset(); ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = '1.2.840.10008.5.1.4.1.1.2'; ds.SOPInstanceUID = generate_uid()
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID; ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.PatientName = 'SYNTH^BENCH%05d' % i; ds.PatientID = 'BENCH%05d' % i
    ds.StudyInstanceUID = generate_uid(); ds.SeriesInstanceUID = generate_uid(); ds.StudyDate = '20250101'; ds.Modality = 'CT'
    ds.InstanceNumber = 1; ds.Rows = 1; ds.Columns = 1; ds.BitsAllocated = 16; ds.BitsStored = 16; ds.HighBit = 15
    ds.PixelRepresentation = 0; ds.SamplesPerPixel = 1; ds.PhotometricInterpretation = 'MONOCHROME2'; ds.PixelData = b'\0\0'
    ds.is_little_endian = True; ds.is_implicit_VR = False
    ds.save_as('%s/studies/%06d.dcm' % (work, i), write_like_original=False)
PY
"$gen" series --out "$work/gen" --patients 1 --slices "$SERIES" --size "$MATRIX" --ct-only --seed 18 >/dev/null
series_dir=$(dirname "$(find "$work/gen" -name '*.dcm' -print -quit)")
first=$(find "$series_dir" -name '*.dcm' -print -quit)
STUDY=$(dcmdump +P StudyInstanceUID "$first" | sed 's/.*\[\(.*\)\].*/\1/')
SER=$(dcmdump +P SeriesInstanceUID "$first" | sed 's/.*\[\(.*\)\].*/\1/')
FILE_BYTES=$(stat -c %s "$first")
echo "  series: $(find "$series_dir" -name '*.dcm' | wc -l) files, $(du -sh "$series_dir" | cut -f1)"

# Orthanc's storage and SQLite index on tmpfs (a folder in /dev/shm, removed at the end): Orthanc syncs its index on every
# instance it takes in, which makes loading 12,000 instances take ten minutes on a busy shared disk; on tmpfs neither the
# load nor Orthanc's own reads during the timed runs wait for the disk. Ours and dcmtk still write to bench/work (the disk).
odir=$(mktemp -d /dev/shm/qr-bench-orthanc.XXXXXX)
DP=$(port); HP=$(port); RX=$(port); MX=$(port)
cat > "$work/orthanc.json" <<JSON
{ "Name": "bench", "StorageDirectory": "$odir", "IndexDirectory": "$odir", "HttpPort": $HP, "DicomPort": $DP,
  "DicomAet": "ORTHANC", "RemoteAccessAllowed": false, "DicomAlwaysAllowGet": true, "DicomAlwaysAllowMove": true,
  "DicomAlwaysAllowFind": true, "DicomCheckModalityHost": false, "Plugins": [],
  "DicomModalities": { "hamletrx": ["HAMLETRX", "127.0.0.1", $RX], "movescu": ["MOVESCU", "127.0.0.1", $MX] } }
JSON
Orthanc "$work/orthanc.json" > "$work/orthanc.log" 2>&1 & OPID=$!
trap 'kill $OPID 2>/dev/null || true; rm -rf "$odir"' EXIT
waitport "$DP"
echo "loading Orthanc..."
storescu -aec ORTHANC +sd 127.0.0.1 "$DP" "$work/studies" "$series_dir" >/dev/null 2>&1

echo "durability floor: $SERIES files of $FILE_BYTES bytes, each made durable before the next, no DICOM, no network..."
mkdir -p "$work/floor"
for m in nosync single two; do
  rm -rf "$work/floor"; mkdir -p "$work/floor"; "$work/durable-floor" "$work/floor" "$SERIES" "$FILE_BYTES" $m | sed 's/^/  /'
done > "$work/floor.txt"; cat "$work/floor.txt"
FLOOR=$(awk '$1 != "nosync" { v = $(NF-1) + 0; if (m == "" || v < m) m = v } END { print m }' "$work/floor.txt")
rm -rf "$work/floor"

echo "load average before the timed runs: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
  timed find.ours sh -c "'$H' find 127.0.0.1 -p $DP -c ORTHANC -a HAMLET --json > '$work/find.ours'"
  timed find.dcmtk sh -c "findscu -S -q -aec ORTHANC -k QueryRetrieveLevel=STUDY -k StudyInstanceUID -k PatientID -k PatientName -k StudyDate \
    -k StudyTime -k PatientBirthDate -k AccessionNumber -k StudyDescription -k ModalitiesInStudy -k NumberOfStudyRelatedInstances 127.0.0.1 $DP > /dev/null 2>&1"

  rm -rf "$work/get.ours" "$work/get.dcmtk" "$work/move.ours" "$work/move.dcmtk"
  mkdir -p "$work/get.ours" "$work/get.dcmtk" "$work/move.ours" "$work/move.dcmtk"
  timed get.ours "$H" retrieve 127.0.0.1 -p "$DP" -c ORTHANC -a HAMLET --study-instance-uid "$STUDY" --series-instance-uid "$SER" --destination "$work/get.ours" > /dev/null
  timed get.dcmtk getscu -S -aec ORTHANC -k QueryRetrieveLevel=SERIES -k StudyInstanceUID="$STUDY" -k SeriesInstanceUID="$SER" -od "$work/get.dcmtk" 127.0.0.1 "$DP"
  [ "$(ls "$work/get.ours" | wc -l)" = "$SERIES" ] && [ "$(ls "$work/get.dcmtk" | wc -l)" = "$SERIES" ] || { echo "get: ours $(ls "$work/get.ours" | wc -l), dcmtk $(ls "$work/get.dcmtk" | wc -l) of $SERIES files"; exit 1; }

  timed move.ours "$H" retrieve 127.0.0.1 -p "$DP" -c ORTHANC -a HAMLET --study-instance-uid "$STUDY" --series-instance-uid "$SER" --method move --move-destination HAMLETRX --receiver-port "$RX" --destination "$work/move.ours" > /dev/null
  timed move.dcmtk movescu -S -aec ORTHANC -aet MOVESCU -aem MOVESCU --port "$MX" -k QueryRetrieveLevel=SERIES -k StudyInstanceUID="$STUDY" -k SeriesInstanceUID="$SER" -od "$work/move.dcmtk" 127.0.0.1 "$DP"
  [ "$(ls "$work/move.ours" | wc -l)" = "$SERIES" ] && [ "$(ls "$work/move.dcmtk" | wc -l)" = "$SERIES" ] || { echo "move: ours $(ls "$work/move.ours" | wc -l), dcmtk $(ls "$work/move.dcmtk" | wc -l) of $SERIES files"; exit 1; }
done
echo "load average after the timed runs: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "find: ours returned $(wc -l < "$work/find.ours") studies"
report find find.ours find.dcmtk
report get get.ours get.dcmtk
report move move.ours move.dcmtk
printf 'floor    durable writes alone %.2f s = %.2fx getscu, %.2fx movescu (ours: get %.2fx, move %.2fx of the floor)\n' "$FLOOR" \
  "$(echo "$FLOOR / ${best[get.dcmtk]}" | bc -l)" "$(echo "$FLOOR / ${best[move.dcmtk]}" | bc -l)" \
  "$(echo "${best[get.ours]} / $FLOOR" | bc -l)" "$(echo "${best[move.ours]} / $FLOOR" | bc -l)"
