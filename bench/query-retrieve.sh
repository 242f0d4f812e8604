#!/usr/bin/env bash
# Query and retrieve against Orthanc, ours beside dcmtk, in one run on the same data:
#   C-FIND of STUDIES one-instance studies:   hamlet find --json          vs  findscu -S
#   C-GET of a CT series of SERIES files:      hamlet retrieve             vs  getscu (into a folder)
#   C-MOVE of the same series:                 hamlet retrieve --method move --receiver-port (our receiver)
#                                              vs movescu --port (its own receiver; storescp-like)
# Prints wall time, ratio (ours/dcmtk) and peak RSS (/usr/bin/time -v) of each side.
# Usage: bench/query-retrieve.sh [STUDIES=10000] [SERIES=2000] [BYTES_PER_SLICE=524288]
set -euo pipefail
cd "$(dirname "$0")/.."
STUDIES=${1:-10000}; SERIES=${2:-2000}; SIZE=${3:-524288}
work=bench/work/qr; rm -rf "$work"; mkdir -p "$work"
# HAMLET_EXE (env): an already published hamlet; else it is published here (native, as hamlet ships).
if [ -n "${HAMLET_EXE:-}" ]; then H=$HAMLET_EXE; else dotnet publish src/HamletPS.Cli -c Release -nologo -v q -o "$work/hamlet" >/dev/null; H=$work/hamlet/hamlet; fi
port() { /usr/bin/python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
waitport() { for _ in $(seq 300); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; return 1; }
rss() { awk '/Maximum resident set size/ {printf "%.0f", $6/1024}' "$1"; }
wall() { awk -F': ' '/Elapsed \(wall clock\)/ {split($2,a,":"); if (length(a)==3) print a[1]*3600+a[2]*60+a[3]; else print a[1]*60+a[2]}' "$1"; }
report() { # label ours-time-file dcmtk-time-file
  local o d; o=$(wall "$2"); d=$(wall "$3")
  printf '%-8s ours %7.2f s %5s MB | dcmtk %7.2f s %5s MB | ratio %.2f\n' "$1" "$o" "$(rss "$2")" "$d" "$(rss "$3")" "$(echo "$o / $d" | bc -l)"
}

echo "generating $STUDIES one-instance studies and a CT series of $SERIES slices of $SIZE bytes (synthetic, pydicom)..."
/usr/bin/python3 - "$work" "$STUDIES" "$SERIES" "$SIZE" <<'PY'
import sys, os
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid
work, studies, series, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def write(path, patient, study, ser, n, pixels):
    ds = Dataset()
    ds.file_meta = FileMetaDataset(); ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = '1.2.840.10008.5.1.4.1.1.2'; ds.SOPInstanceUID = generate_uid()
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID; ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.PatientName = 'SYNTH^BENCH%05d' % patient; ds.PatientID = 'BENCH%05d' % patient
    ds.StudyInstanceUID = study; ds.SeriesInstanceUID = ser; ds.StudyDate = '20250101'; ds.Modality = 'CT'
    ds.InstanceNumber = n; ds.Rows = 1; ds.Columns = len(pixels) // 2; ds.BitsAllocated = 16; ds.BitsStored = 16; ds.HighBit = 15
    ds.PixelRepresentation = 0; ds.SamplesPerPixel = 1; ds.PhotometricInterpretation = 'MONOCHROME2'; ds.PixelData = pixels
    ds.is_little_endian = True; ds.is_implicit_VR = False
    ds.save_as(path, write_like_original=False)
os.makedirs(work + '/studies'); os.makedirs(work + '/series')
for i in range(studies): write('%s/studies/%06d.dcm' % (work, i), i, generate_uid(), generate_uid(), 1, b'\0\0')
st, se = generate_uid(), generate_uid()
print(st, se, file=open(work + '/series.uids', 'w'))
blob = os.urandom(size - size % 2)
for i in range(series): write('%s/series/%06d.dcm' % (work, i), 99999, st, se, i + 1, blob)
PY
read STUDY SER < "$work/series.uids"

DP=$(port); HP=$(port); RX=$(port); MX=$(port)
cat > "$work/orthanc.json" <<JSON
{ "Name": "bench", "StorageDirectory": "$work/orthanc", "IndexDirectory": "$work/orthanc", "HttpPort": $HP, "DicomPort": $DP,
  "DicomAet": "ORTHANC", "RemoteAccessAllowed": false, "DicomAlwaysAllowGet": true, "DicomAlwaysAllowMove": true,
  "DicomAlwaysAllowFind": true, "DicomCheckModalityHost": false, "Plugins": [],
  "DicomModalities": { "hamletrx": ["HAMLETRX", "127.0.0.1", $RX], "movescu": ["MOVESCU", "127.0.0.1", $MX] } }
JSON
Orthanc "$work/orthanc.json" > "$work/orthanc.log" 2>&1 & OPID=$!
trap 'kill $OPID 2>/dev/null || true' EXIT
waitport "$DP"
echo "loading Orthanc..."
storescu -aec ORTHANC +sd 127.0.0.1 "$DP" "$work/studies" "$work/series" >/dev/null 2>&1
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

T="/usr/bin/time -v"
$T "$H" find 127.0.0.1 -p "$DP" -c ORTHANC -a HAMLET --json > "$work/find.ours" 2> "$work/t.find.ours"
$T findscu -S -q -aec ORTHANC -k QueryRetrieveLevel=STUDY -k StudyInstanceUID -k PatientID -k PatientName -k StudyDate \
  -k AccessionNumber -k StudyDescription -k ModalitiesInStudy -k NumberOfStudyRelatedInstances 127.0.0.1 "$DP" 2> "$work/t.find.dcmtk" >/dev/null
echo "find: ours returned $(wc -l < "$work/find.ours") studies"
report find "$work/t.find.ours" "$work/t.find.dcmtk"

mkdir -p "$work/get.ours" "$work/get.dcmtk" "$work/move.ours" "$work/move.dcmtk"
$T "$H" retrieve 127.0.0.1 -p "$DP" -c ORTHANC -a HAMLET --study-instance-uid "$STUDY" --series-instance-uid "$SER" --destination "$work/get.ours" > /dev/null 2> "$work/t.get.ours"
$T getscu -S -aec ORTHANC -k QueryRetrieveLevel=SERIES -k StudyInstanceUID="$STUDY" -k SeriesInstanceUID="$SER" -od "$work/get.dcmtk" 127.0.0.1 "$DP" 2> "$work/t.get.dcmtk"
echo "get: ours $(ls "$work/get.ours" | wc -l) files, dcmtk $(ls "$work/get.dcmtk" | wc -l) files"
report get "$work/t.get.ours" "$work/t.get.dcmtk"

$T "$H" retrieve 127.0.0.1 -p "$DP" -c ORTHANC -a HAMLET --study-instance-uid "$STUDY" --series-instance-uid "$SER" --method move --move-destination HAMLETRX --receiver-port "$RX" --destination "$work/move.ours" > /dev/null 2> "$work/t.move.ours"
$T movescu -S -aec ORTHANC -aet MOVESCU -aem MOVESCU --port "$MX" -k QueryRetrieveLevel=SERIES -k StudyInstanceUID="$STUDY" -k SeriesInstanceUID="$SER" -od "$work/move.dcmtk" 127.0.0.1 "$DP" 2> "$work/t.move.dcmtk"
echo "move: ours $(ls "$work/move.ours" | wc -l) files, dcmtk $(ls "$work/move.dcmtk" | wc -l) files"
report move "$work/t.move.ours" "$work/t.move.dcmtk"
