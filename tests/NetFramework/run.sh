#!/usr/bin/env bash
# The .NET Framework-rules job (see NetFrameworkRules.cs): compiles the harness with Mono's C# compiler against the laid-out
# module and runs it under Mono with HAMLET_PORTABLE_IO=1 (the paths Windows takes). Usage:
#   tests/NetFramework/run.sh <module folder, e.g. out/HamletPS/0.1.0> <trx file>
# Exit 0 when every test passed; the TRX file's counters go into tests/run.sh's totals. Needs Debian's mono-devel.
set -uo pipefail
module=$(cd "$1" && pwd)
trx=$2
here=$(cd "$(dirname "$0")" && pwd)
command -v mcs >/dev/null 2>&1 && command -v mono >/dev/null 2>&1 || { echo "mono-devel is not installed" >&2; exit 1; }
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
facades=$(dirname "$(command -v mono)")/../lib/mono/4.5/Facades
[ -d "$facades" ] || facades=/usr/lib/mono/4.5/Facades
# The harness lives in a folder of its own: the engine comes from the module's Dependencies/ folder through the module's
# resolver, as in Windows PowerShell 5.1, never from beside the program.
mcs -nologo -target:exe -langversion:7 -out:"$build/NetFrameworkRules.exe" \
  -r:"$module/Dependencies/HamletPS.Core.dll" -r:"$module/Dependencies/HamletPS.Dicom.dll" -r:"$facades/netstandard.dll" \
  -r:"$facades/System.Runtime.dll" "$here/NetFrameworkRules.cs" || exit 1
HAMLET_PORTABLE_IO=1 mono --debug "$build/NetFrameworkRules.exe" "$module" "$trx"
