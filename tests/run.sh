#!/usr/bin/env bash
# The project's one test command (README: "Run every test"). Installs what the tests need when it is missing (Debian
# peers; PowerShell 7.6 into .tools/), then runs build.ps1 -Task Test: build, module layout and package, every xunit
# project and the Pester tests, ending with the totals alone on a line: "tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# 1. Debian peers the tests use as oracles (dcmtk, pydicom, gdcm, tesseract, chromium, Info-ZIP, azure-cli, orthanc) and the native build's linker.
#    Installed only when missing.
need=()
command -v dcmdump   >/dev/null 2>&1 || need+=(dcmtk)
command -v gdcmanon  >/dev/null 2>&1 || need+=(libgdcm-tools)
command -v dciodvfy  >/dev/null 2>&1 || need+=(dicom3tools)   # IOD conformance oracle of the protect tests
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr) # reads canary text in pixels before and after masking
command -v chromium  >/dev/null 2>&1 || need+=(chromium)      # renders the review page headless (screenshot checked, OCR'd)
command -v zip       >/dev/null 2>&1 || need+=(zip)
command -v unzip     >/dev/null 2>&1 || need+=(unzip)
command -v az        >/dev/null 2>&1 || need+=(azure-cli)
/usr/bin/python3 -c 'import pydicom' >/dev/null 2>&1 || need+=(python3-pydicom)
/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || need+=(python3-openpyxl)   # independent XLSX reader of the dose history export tests
[ -d /usr/share/i18n/charmaps ]  || need+=(locales)   # glibc charmaps: the character-set table generator's source
/usr/bin/python3 -c 'import azure.storage.fileshare' >/dev/null 2>&1 || need+=(python3-azure-storage)
command -v gcc       >/dev/null 2>&1 || need+=(gcc)          # links the native hamlet (ahead-of-time publish)
command -v mcs       >/dev/null 2>&1 || need+=(mono-devel)   # the .NET Framework-rules job (tests/NetFramework)
command -v Orthanc   >/dev/null 2>&1 || need+=(orthanc)      # the PACS of the query/retrieve tests (besides dcmtk's dcmqrscp)
command -v openssl   >/dev/null 2>&1 || need+=(openssl)      # makes the certificates of the DICOM TLS tests
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing test peers: ${need[*]}"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null \
      || echo "warning: could not install ${need[*]}; tests that need them will fail" >&2
  else
    echo "warning: not root; cannot install ${need[*]}" >&2
  fi
fi

# 2. PowerShell 7.6.10 as a .NET tool in the repository's ignored .tools/pwsh (nothing installed for the user or the
#    machine); always this version (without --version the tool takes 7.7.0, which fails here). Pester 5 is restored by
#    build.ps1 itself (its Pester task), so Windows CI gets it the same way.
pwsh="$root/.tools/pwsh/pwsh"
pwsh_version=7.6.10
if [ ! -x "$pwsh" ] || [ "$("$pwsh" -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null)" != "$pwsh_version" ]; then
  echo "Installing PowerShell $pwsh_version into .tools/pwsh"
  rm -rf "$root/.tools/pwsh"
  dotnet tool install PowerShell --version "$pwsh_version" --tool-path "$root/.tools/pwsh" >/dev/null \
    || { echo "could not install PowerShell $pwsh_version"; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
fi

# 3. Build, lay out and package the module, publish the native hamlet (out/hamlet/), run every xunit project and the
#    Pester tests (with the local Azure Files endpoint and dcmtk), print the totals: the steps build.ps1 defines.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 POWERSHELL_TELEMETRY_OPTOUT=1 POWERSHELL_UPDATECHECK=Off
exec "$pwsh" -NoProfile -NonInteractive -File "$root/build.ps1" -Task Test
