#!/usr/bin/env bash
# The project's one test command (README: "Run every test"). Installs what the tests need when it is missing,
# builds, lays out the module, runs every xunit project and the Pester tests where pwsh exists, and ends with
# the totals alone on a line: "tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# 1. Debian peers the tests use as oracles (dcmtk, pydicom, gdcm, tesseract, Info-ZIP, azure-cli) and the native build's linker.
#    Installed only when missing.
need=()
command -v dcmdump   >/dev/null 2>&1 || need+=(dcmtk)
command -v gdcmanon  >/dev/null 2>&1 || need+=(libgdcm-tools)
command -v dciodvfy  >/dev/null 2>&1 || need+=(dicom3tools)   # IOD conformance oracle of the protect tests
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr) # reads canary text in pixels before and after masking
command -v zip       >/dev/null 2>&1 || need+=(zip)
command -v unzip     >/dev/null 2>&1 || need+=(unzip)
command -v az        >/dev/null 2>&1 || need+=(azure-cli)
/usr/bin/python3 -c 'import pydicom' >/dev/null 2>&1 || need+=(python3-pydicom)
[ -d /usr/share/i18n/charmaps ]  || need+=(locales)   # glibc charmaps: the character-set table generator's source
/usr/bin/python3 -c 'import azure.storage.fileshare' >/dev/null 2>&1 || need+=(python3-azure-storage)
command -v gcc       >/dev/null 2>&1 || need+=(gcc)          # links the native hamlet (ahead-of-time publish)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing test peers: ${need[*]}"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null \
      || echo "warning: could not install ${need[*]}; tests that need them will fail" >&2
  else
    echo "warning: not root; cannot install ${need[*]}" >&2
  fi
fi

# 2. Build everything, lay out the module folder out/HamletPS/<version>/ (the hosted-engine tests import it from there) and
#    publish the native hamlet to out/hamlet/.
dotnet build HamletPS.sln -c Release -nologo -v q || { echo "build failed"; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
dotnet publish src/HamletPS/HamletPS.csproj -c Release -nologo -v q --no-build >/dev/null \
  || { echo "module layout failed"; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
# The native hamlet, as `dotnet publish src/HamletPS.Cli` installs it (ahead-of-time compiled); NativeHamletTests runs it.
rm -rf out/hamlet
dotnet publish src/HamletPS.Cli -c Release -nologo -v q -o out/hamlet >/dev/null \
  || { echo "native hamlet build failed"; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
export HAMLET_NATIVE_EXE="$root/out/hamlet/hamlet"

# 3. Every xunit project, each writing a TRX file whose counters we add up.
results="$root/TestResults"
rm -rf "$results"; mkdir -p "$results"
status=0
for proj in tests/*Tests/*.csproj; do
  name=$(basename "$proj" .csproj)
  echo "== $name"
  dotnet test "$proj" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" ${HAMLET_TEST_FILTER:+--filter "$HAMLET_TEST_FILTER"} \
    || status=1
done

# 4. Pester tests are for sites and Windows CI; they need pwsh (or Windows PowerShell) and Pester 5.
if command -v pwsh >/dev/null 2>&1 && pwsh -NoProfile -Command 'exit [int](-not (Get-Module -ListAvailable Pester))' >/dev/null 2>&1; then
  echo "== Pester"
  pwsh -NoProfile -Command "Invoke-Pester -Path '$root/tests/Pester' -CI" || status=1
else
  echo "Pester tests SKIPPED: pwsh with Pester 5 is not installed on this machine (tests/Pester runs on sites and Windows CI)."
fi

# 5. Totals from the TRX counters (skipped = notExecuted).
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  line=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$line" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  p=$(get passed); f=$(get failed); e=$(get error); n=$(get notExecuted)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0})); skipped=$((skipped + ${n:-0}))
done
[ "$failed" -gt 0 ] && status=1
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1   # a crashed test host counts as a failure
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
