#!/usr/bin/env bash
# A real stored entry larger than 4 GiB followed by a small entry: the second entry's local header offset and the central directory
# lie past 4 GiB, so ZIP64 offset fields and end records are needed naturally. Checked with Info-ZIP unzip -t, Python zipfile and
# our verifier. Too slow for the test suite (writes and re-reads > 4 GiB), hence here. Usage: bench/archive-zip64.sh [MiB=4200]
set -euo pipefail
cd "$(dirname "$0")/.."
mib=${1:-4200}
work=$(mktemp -d "${TMPDIR:-/tmp}/hamlet-zip64-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
dotnet build bench/ArchiveBench/ArchiveBench.csproj -c Release -nologo -v q >/dev/null
zip="$work/big.zip"
/usr/bin/time -f "ours: %e s wall, peak RSS %M KiB" dotnet bench/ArchiveBench/bin/Release/net10.0/ArchiveBench.dll big "$zip" "$mib"
ls -l "$zip"
/usr/bin/time -f "unzip -t: %e s" unzip -tqq "$zip"
dotnet bench/ArchiveBench/bin/Release/net10.0/ArchiveBench.dll verify "$zip"
/usr/bin/time -f "python zipfile: %e s" /usr/bin/python3 - "$zip" <<'PY'
import sys, zipfile, hashlib
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
big, after = z.getinfo('big.bin'), z.getinfo('after.txt')
h = hashlib.sha256()
with z.open(big) as f:
    for chunk in iter(lambda: f.read(1 << 22), b''):
        h.update(chunk)
print('python: big.bin', big.file_size, 'bytes, sha256', h.hexdigest(), '; after.txt at offset', after.header_offset, '=', z.read(after))
assert after.header_offset > 0xFFFFFFFF and z.read(after) == b'*\n'
PY
