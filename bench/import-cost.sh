#!/usr/bin/env bash
# Import cost of the module as a user pays it: in a fresh pwsh (7.6, -NoProfile), `Import-Module HamletPS` and then the first
# `Get-DicomFile` (one file of the bundled sample: the engine's private load context, Core and Dicom load here), beside
# `Import-Module Microsoft.PowerShell.Utility` (a module pwsh ships, also binary) in a fresh pwsh of the same run.
# Times are taken inside the process with a Stopwatch around each step (process start-up is not counted), medians of N
# fresh processes, interleaved so both see the same machine load. Prints the medians and the ratio HamletPS/Utility.
# Usage: bench/import-cost.sh [rounds=9]   (after tests/run.sh or ./build.ps1 -Task Build: needs .tools/pwsh and out/HamletPS)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-9}
pwsh=${PWSH:-.tools/pwsh/pwsh}
[ -x "$pwsh" ] || { echo "no pwsh at $pwsh: run tests/run.sh (installs PowerShell 7.6.10 into .tools/pwsh) or set PWSH"; exit 1; }
version=$(sed -n 's:.*<HamletVersion>\(.*\)</HamletVersion>.*:\1:p' Directory.Build.props)
manifest="$PWD/out/HamletPS/$version/HamletPS.psd1"
[ -f "$manifest" ] || { echo "no module at $manifest: run ./build.ps1 -Task Build"; exit 1; }
file=$(find "$PWD/examples/data/incoming" -type f -name '*.dcm' | sort | head -1)

# Only [Console] and [Diagnostics.Stopwatch]: no cmdlet of Microsoft.PowerShell.Utility runs before the measured import.
ours='$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module $env:HAMLET_BENCH_MANIFEST; $i = $w.Elapsed.TotalMilliseconds;
$w.Restart(); $null = Get-DicomFile -LiteralPath $env:HAMLET_BENCH_FILE; $f = $w.Elapsed.TotalMilliseconds;
[Console]::WriteLine([string]::Format([Globalization.CultureInfo]::InvariantCulture, "{0:0.0} {1:0.0}", $i, $f))'
theirs='$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module Microsoft.PowerShell.Utility; $i = $w.Elapsed.TotalMilliseconds;
[Console]::WriteLine([string]::Format([Globalization.CultureInfo]::InvariantCulture, "{0:0.0}", $i))'

echo "pwsh $("$pwsh" -NoProfile -Command '$PSVersionTable.PSVersion.ToString()'), $rounds fresh processes each; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
export HAMLET_BENCH_MANIFEST="$manifest" HAMLET_BENCH_FILE="$file"
results=$(mktemp); trap 'rm -f "$results"' EXIT
for _ in $(seq 1 "$rounds"); do
  echo "hamlet $("$pwsh" -NoProfile -NonInteractive -Command "$ours")" >> "$results"
  echo "utility $("$pwsh" -NoProfile -NonInteractive -Command "$theirs")" >> "$results"
done
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
import=$(awk '$1 == "hamlet" { print $2 }' "$results" | median)
first=$(awk '$1 == "hamlet" { print $3 }' "$results" | median)
utility=$(awk '$1 == "utility" { print $2 }' "$results" | median)
awk -v i="$import" -v f="$first" -v u="$utility" 'BEGIN {
  printf "Import-Module HamletPS                  %7.1f ms (median)\n", i
  printf "first Get-DicomFile (one file)          %7.1f ms\n", f
  printf "Import-Module Microsoft.PowerShell.Utility %4.1f ms\n", u
  printf "ratio HamletPS import / Utility import  %7.2f\n", i / u
  printf "ratio (import + first Get-DicomFile) / Utility import %.2f\n", (i + f) / u }'
