<#
.SYNOPSIS
    Builds HamletPS, lays out and packages the module, and runs every test.
.DESCRIPTION
    The one definition of the build and test steps; tests/run.sh (Linux CI) runs this script after installing what it needs.
      Build    builds the solution, lays out out/HamletPS/<version>/ (`dotnet publish src/HamletPS`) and publishes the
               `hamlet` command line to out/hamlet/, compiled ahead of time (on Windows that needs the Visual Studio C++ build
               tools; -FrameworkDependentCli publishes the build that needs the .NET runtime instead).
      Package  Build, then packs the laid-out module into out/packages/HamletPS.<version>.nupkg with Compress-PSResource
               (PSResourceGet): the package Publish-PSResource puts into the hospital's repository or file share.
      Pester   runs tests/Pester with Pester 5.7.1, restored from NuGet into .tools/ when missing (nothing is installed
               for the user or the machine), against the laid-out module; results in TestResults/Pester.xml (NUnit XML).
      Test     Package, every xunit project (TRX files in TestResults/), then Pester; ends with the totals alone on a line,
               "tests: N passed, N failed, N skipped", and fails when any test failed.
      All      the same as Test.
.PARAMETER Task
    Build, Test, Pester, Package or All (default).
.PARAMETER Configuration
    Release (default) or Debug.
.PARAMETER CertificateThumbprint
    Signs the laid-out module (manifest, script, format files and our own DLLs) with Set-AuthenticodeSignature, using the
    code-signing certificate with this thumbprint from Cert:\CurrentUser\My or Cert:\LocalMachine\My. Needed where the
    execution policy is AllSigned. Windows only.
.PARAMETER Certificate
    The code-signing certificate itself (e.g. from Get-PfxCertificate), instead of -CertificateThumbprint.
.PARAMETER TimestampServer
    RFC 3161 time-stamp server for the signatures, so they stay valid after the certificate expires (default: none).
.PARAMETER FrameworkDependentCli
    Publish hamlet as the framework-dependent ReadyToRun build instead of a native executable (for a machine without a C++
    linker).
.EXAMPLE
    ./build.ps1
    Builds, packages and runs every test.
.EXAMPLE
    ./build.ps1 -Task Package
    Lays out out/HamletPS/<version>/ and writes out/packages/HamletPS.<version>.nupkg.
.EXAMPLE
    ./build.ps1 -Task Package -CertificateThumbprint 0123456789ABCDEF0123456789ABCDEF01234567
    Lays out the module, signs it for an AllSigned execution policy, and packs it.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Package', 'All')]
    [string] $Task = 'All',
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',
    [switch] $FrameworkDependentCli,
    [string] $CertificateThumbprint,
    [System.Security.Cryptography.X509Certificates.X509Certificate2] $Certificate,
    [string] $TimestampServer
)
$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot

$PesterVersion = '5.7.1'
$Results = Join-Path $PSScriptRoot 'TestResults'

# Signs what Windows PowerShell checks under AllSigned (manifest, script and format files) and our own assemblies; the
# third-party DLLs in Dependencies/ keep their publishers' signatures.
function Set-HamletModuleSignature([string] $ModuleFolder, [string] $Thumbprint, $Cert, [string] $Timestamp) {
    if (-not $Cert) {
        $Cert = Get-ChildItem -Path Cert:\CurrentUser\My, Cert:\LocalMachine\My -CodeSigningCert |
            Where-Object { $_.Thumbprint -eq $Thumbprint } | Select-Object -First 1
        if (-not $Cert) { throw "No code-signing certificate with thumbprint $Thumbprint in Cert:\CurrentUser\My or Cert:\LocalMachine\My." }
    }
    $files = @(Get-ChildItem -LiteralPath $ModuleFolder -Recurse -File -Include '*.psd1', '*.psm1', '*.ps1', '*.ps1xml') +
             @(Get-ChildItem -LiteralPath $ModuleFolder -Recurse -File -Include 'HamletPS*.dll')
    foreach ($file in $files) {
        $signing = @{ FilePath = $file.FullName; Certificate = $Cert; HashAlgorithm = 'SHA256' }
        if ($Timestamp) { $signing.TimestampServer = $Timestamp }
        $signature = Set-AuthenticodeSignature @signing
        if ($signature.Status -ne 'Valid') { throw "Signing $($file.FullName) failed: $($signature.StatusMessage)" }
    }
    Write-Host "Signed $($files.Count) files in $ModuleFolder with $($Cert.Subject)."
}

function Invoke-Native([string] $File, [string[]] $Arguments) {
    & $File @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

# This PowerShell's executable: $PSHOME/pwsh (the .NET tool's process is `dotnet pwsh.dll`), else the process (powershell.exe).
function Get-PowerShellPath {
    foreach ($name in 'pwsh', 'pwsh.exe') {
        $path = Join-Path $PSHOME $name
        if (Test-Path -LiteralPath $path -PathType Leaf) { return $path }
    }
    (Get-Process -Id $PID).Path
}

function Get-HamletVersion {
    ([xml](Get-Content -LiteralPath (Join-Path $PSScriptRoot 'Directory.Build.props') -Raw)).Project.PropertyGroup.HamletVersion |
        Where-Object { $_ } | Select-Object -First 1
}

function Invoke-Build {
    Invoke-Native dotnet @('build', 'HamletPS.sln', '-c', $Configuration, '-nologo', '-v', 'q')
    # The bench programs live outside the solution; building them here makes an API change that breaks a benchmark fail
    # the build instead of the next bench run (DeidentifyBench once stopped compiling unnoticed when the key types moved).
    foreach ($bench in Get-ChildItem -Path (Join-Path $PSScriptRoot 'bench') -Filter '*.csproj' -Recurse | Sort-Object FullName) {
        Invoke-Native dotnet @('build', $bench.FullName, '-c', $Configuration, '-nologo', '-v', 'q')
    }
    Invoke-Native dotnet @('publish', 'src/HamletPS/HamletPS.csproj', '-c', $Configuration, '--no-build', '-nologo', '-v', 'q')
    if ($CertificateThumbprint -or $Certificate) {
        Set-HamletModuleSignature -ModuleFolder (Join-Path $PSScriptRoot "out/HamletPS/$(Get-HamletVersion)") -Thumbprint $CertificateThumbprint -Cert $Certificate -Timestamp $TimestampServer
    }
    $cli = Join-Path $PSScriptRoot 'out/hamlet'
    if (Test-Path -LiteralPath $cli) { Remove-Item -LiteralPath $cli -Recurse -Force }
    # The Cli project compiles ahead of time by default. Only PublishAot=false is passed on the command line: a global
    # PublishAot=true would reach the netstandard2.0 libraries it references too (NETSDK1207).
    $publish = @('publish', 'src/HamletPS.Cli', '-c', $Configuration, '-nologo', '-v', 'q', '-o', $cli)
    if ($FrameworkDependentCli) { $publish += '-p:PublishAot=false' }
    Invoke-Native dotnet $publish
    # NativeHamletTests run this executable against the managed build.
    $env:HAMLET_NATIVE_EXE = Join-Path $cli $(if ($IsWindows -or $env:OS -eq 'Windows_NT') { 'hamlet.exe' } else { 'hamlet' })
}

function New-ModulePackage {
    $version = Get-HamletVersion
    $module = Join-Path $PSScriptRoot "out/HamletPS/$version"
    $packages = Join-Path $PSScriptRoot 'out/packages'
    New-Item -ItemType Directory -Path $packages -Force | Out-Null
    $nupkg = Join-Path $packages "HamletPS.$version.nupkg"
    if (Test-Path -LiteralPath $nupkg) { Remove-Item -LiteralPath $nupkg -Force }
    # PSResourceGet (shipped with PowerShell 7.4+; Install-Module Microsoft.PowerShell.PSResourceGet on Windows PowerShell 5.1).
    Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
    Compress-PSResource -Path $module -DestinationPath $packages
    if (-not (Test-Path -LiteralPath $nupkg)) { throw "Compress-PSResource wrote no $nupkg" }
    Write-Host "Module package: $nupkg"
}

# Pester $PesterVersion from NuGet (the package's tools/ folder is the module) laid out as .tools/Modules/Pester/<version>/,
# restored by `dotnet restore` of a throw-away project into .tools/packages: no user or machine module path is touched.
function Install-PinnedPester {
    $modules = Join-Path $PSScriptRoot '.tools/Modules'
    $target = Join-Path $modules "Pester/$PesterVersion"
    if (Test-Path -LiteralPath (Join-Path $target 'Pester.psd1')) { return $modules }
    $restore = Join-Path $PSScriptRoot '.tools/pester-restore'
    New-Item -ItemType Directory -Path $restore -Force | Out-Null
    Set-Content -LiteralPath (Join-Path $restore 'pester-restore.csproj') -Encoding UTF8 -Value @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Pester" Version="[$PesterVersion]" /></ItemGroup>
</Project>
"@
    $packages = Join-Path $PSScriptRoot '.tools/packages'
    Invoke-Native dotnet @('restore', (Join-Path $restore 'pester-restore.csproj'), '--packages', $packages, '-nologo', '-v', 'q')
    New-Item -ItemType Directory -Path $target -Force | Out-Null
    Copy-Item -Path (Join-Path $packages "pester/$PesterVersion/tools/*") -Destination $target -Recurse -Force
    $modules
}

# Runs tests/Pester in a child PowerShell (a clean session: the tests import HamletPS and the local Azure Files endpoint) and
# returns its counts.
function Invoke-PesterSuite {
    $modules = Install-PinnedPester
    New-Item -ItemType Directory -Path $Results -Force | Out-Null
    $xml = Join-Path $Results 'Pester.xml'
    $counts = Join-Path $Results 'Pester.counts.json'
    Remove-Item -LiteralPath $xml, $counts -Force -ErrorAction SilentlyContinue
    & (Get-PowerShellPath) -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'tests/Invoke-PesterSuite.ps1') -ModulesPath $modules `
        -PesterVersion $PesterVersion -ResultPath $xml -CountsPath $counts -Configuration $Configuration | Out-Host
    if (-not (Test-Path -LiteralPath $counts)) { return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }   # the run itself broke
    Get-Content -LiteralPath $counts -Raw | ConvertFrom-Json
}

# Every xunit project, each writing a TRX file; returns the summed counters (skipped = not executed, each listed with its
# reason) and whether any test host failed without a failed test (a crash).
function Invoke-XunitSuite {
    New-Item -ItemType Directory -Path $Results -Force | Out-Null
    Get-ChildItem -LiteralPath $Results -Filter *.trx | Remove-Item -Force
    $crashed = $false
    foreach ($project in Get-ChildItem -Path tests -Filter '*Tests.csproj' -Recurse | Sort-Object FullName) {
        Write-Host "== $($project.BaseName)"
        $arguments = @('test', $project.FullName, '-c', $Configuration, '--no-build', '-nologo',
            '--logger', "trx;LogFileName=$($project.BaseName).trx", '--results-directory', $Results)
        if ($env:HAMLET_TEST_FILTER) { $arguments += @('--filter', $env:HAMLET_TEST_FILTER) }
        & dotnet @arguments | Out-Host
        if ($LASTEXITCODE -ne 0) { $crashed = $true }
    }
    if (-not $env:HAMLET_TEST_FILTER) {
        # The receive, sort, protect and archive suites a second time with HAMLET_PORTABLE_IO=1: every Linux-only fast path
        # (rename(2), copy_file_range, statx, fdatasync, the plain-descriptor received file) off, so the portable code that
        # Windows and .NET Framework run is tested here too.
        Write-Host '== portable file paths (HAMLET_PORTABLE_IO=1)'
        $portable = @(
            @{ Project = 'HamletPS.Dicom.Tests'; Filter = 'FullyQualifiedName~PlatformIOTests|FullyQualifiedName~FileRetryTests|FullyQualifiedName~PartialFileRecoveryTests|FullyQualifiedName~DcmtkInteropTests|FullyQualifiedName~StopAfterFilesTests|FullyQualifiedName~StorageScpFaultTests|FullyQualifiedName~ReceiverDurabilityTests.EveryDurabilityMethod|FullyQualifiedName~FileRenameTests|FullyQualifiedName~FileStampTests|FullyQualifiedName~ReferencedValueCopyTests' },
            @{ Project = 'HamletPS.Core.Tests'; Filter = 'FullyQualifiedName~Sorting|FullyQualifiedName~HamletPipelineTests|FullyQualifiedName~PipelineCleanupTests|FullyQualifiedName~HamletArchiveBuilderTests|FullyQualifiedName~DicomProtectorTests' })
        $env:HAMLET_PORTABLE_IO = '1'
        try {
            foreach ($run in $portable) {
                $project = Join-Path $PSScriptRoot "tests/$($run.Project)/$($run.Project).csproj"
                & dotnet test $project -c $Configuration --no-build -nologo --logger "trx;LogFileName=Portable.$($run.Project).trx" `
                    --results-directory $Results --filter $run.Filter | Out-Host
                if ($LASTEXITCODE -ne 0) { $crashed = $true }
            }
        }
        finally { Remove-Item Env:HAMLET_PORTABLE_IO -ErrorAction SilentlyContinue }
        # The .NET Framework-rules job: the laid-out module's netstandard2.0 assemblies under Mono (tests/NetFramework),
        # where Mono exists (tests/run.sh installs it on Linux; Windows CI runs the real .NET Framework instead).
        if (Get-Command mono -ErrorAction SilentlyContinue) {
            Write-Host '== NetFramework (Mono)'
            & bash (Join-Path $PSScriptRoot 'tests/NetFramework/run.sh') "out/HamletPS/$(Get-HamletVersion)" (Join-Path $Results 'NetFramework.trx') | Out-Host
            if ($LASTEXITCODE -ne 0) { $crashed = $true }
        }
        elseif ($IsLinux) { Write-Host 'NetFramework (Mono) job: mono is missing (tests/run.sh installs mono-devel)'; $crashed = $true }
    }
    $passed = 0; $failed = 0; $skipped = 0
    foreach ($trx in Get-ChildItem -LiteralPath $Results -Filter *.trx) {
        $run = ([xml](Get-Content -LiteralPath $trx.FullName -Raw)).TestRun
        $c = $run.ResultSummary.Counters
        # VSTest's TRX logger counts a skipped test (outcome NotExecuted) in total but not in executed, and leaves
        # notExecuted at 0; the NetFramework job's file sets notExecuted. Either way a skip is counted, and listed with its reason.
        $notRun = [Math]::Max([int]$c.notExecuted, [int]$c.total - [int]$c.executed)
        $passed += [int]$c.passed; $failed += [int]$c.failed + [int]$c.error; $skipped += $notRun
        foreach ($r in @($run.Results.UnitTestResult) | Where-Object { $_ -and $_.outcome -eq 'NotExecuted' }) {
            Write-Host "skipped: $($r.testName): $($r.Output.ErrorInfo.Message)"
        }
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed; Skipped = $skipped; Crashed = $crashed }
}

if ($Task -in 'Build', 'Package') {
    Invoke-Build
    if ($Task -eq 'Package') { New-ModulePackage }
}
elseif ($Task -eq 'Pester') {
    $p = Invoke-PesterSuite
    Write-Host "pester: $($p.Passed) passed, $($p.Failed) failed, $($p.Skipped) skipped"
    if ($p.Failed -gt 0) { throw "$($p.Failed) Pester test(s) failed" }
}
else {
    # Test and All: the totals line is printed even when the build breaks, so CI always reads one.
    $passed = 0; $failed = 0; $skipped = 0
    try {
        Invoke-Build
        New-ModulePackage
        $x = Invoke-XunitSuite
        $p = Invoke-PesterSuite
        Write-Host "xunit: $($x.Passed) passed, $($x.Failed) failed, $($x.Skipped) skipped; pester: $($p.Passed) passed, $($p.Failed) failed, $($p.Skipped) skipped"
        $passed = $x.Passed + $p.Passed
        $failed = $x.Failed + $p.Failed
        $skipped = $x.Skipped + $p.Skipped
        if ($x.Crashed -and $failed -eq 0) { $failed = 1 }   # a crashed test host counts as a failure
    }
    catch {
        Write-Host "build or test step failed: $($_.Exception.Message)"
        $failed += 1
    }
    Write-Host "tests: $passed passed, $failed failed, $skipped skipped"
    exit $(if ($failed -gt 0) { 1 } else { 0 })
}
