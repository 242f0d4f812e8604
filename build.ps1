<#
.SYNOPSIS
    Builds HamletPS, runs its tests and lays out the module folder.
.DESCRIPTION
    The same steps as tests/run.sh, for Windows servers and Windows CI: build the solution, run every xunit project, run the
    Pester tests in tests/Pester when Pester 5 is available, and lay out out/HamletPS/<version>/ with `dotnet publish`
    (copy that folder into a folder of $env:PSModulePath to install the module). The `hamlet` command line is published to
    out/hamlet/, compiled ahead of time (on Windows that needs the Visual Studio C++ build tools; -FrameworkDependentCli
    publishes the build that needs the .NET runtime instead); the xunit tests run it.
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
    Builds, tests and lays out the module.
.EXAMPLE
    ./build.ps1 -Task Package
    Only lays out out/HamletPS/<version>/.
.EXAMPLE
    ./build.ps1 -Task Package -CertificateThumbprint 0123456789ABCDEF0123456789ABCDEF01234567
    Lays out the module and signs it for an AllSigned execution policy.
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
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

if ($Task -in 'Build', 'Test', 'Package', 'All') {
    Invoke-Native dotnet @('build', 'HamletPS.sln', '-c', $Configuration, '-nologo')
    Invoke-Native dotnet @('publish', 'src/HamletPS/HamletPS.csproj', '-c', $Configuration, '--no-build', '-nologo')
    if ($CertificateThumbprint -or $Certificate) {
        $version = ([xml](Get-Content -LiteralPath 'Directory.Build.props' -Raw)).Project.PropertyGroup.HamletVersion | Where-Object { $_ } | Select-Object -First 1
        Set-HamletModuleSignature -ModuleFolder (Join-Path $PSScriptRoot "out/HamletPS/$version") -Thumbprint $CertificateThumbprint -Cert $Certificate -Timestamp $TimestampServer
    }
    $cli = Join-Path $PSScriptRoot 'out/hamlet'
    if (Test-Path -LiteralPath $cli) { Remove-Item -LiteralPath $cli -Recurse -Force }
    Invoke-Native dotnet @('publish', 'src/HamletPS.Cli', '-c', $Configuration, '-nologo', '-o', $cli, "-p:PublishAot=$(-not $FrameworkDependentCli)")
    $env:HAMLET_NATIVE_EXE = Join-Path $cli $(if ($IsWindows -or $env:OS -eq 'Windows_NT') { 'hamlet.exe' } else { 'hamlet' })
}
if ($Task -in 'Test', 'All') {
    foreach ($project in Get-ChildItem -Path tests -Filter '*Tests.csproj' -Recurse) {
        Invoke-Native dotnet @('test', $project.FullName, '-c', $Configuration, '--no-build', '-nologo')
    }
}
if ($Task -in 'Pester', 'Test', 'All') {
    if (Get-Module -ListAvailable -Name Pester | Where-Object Version -ge '5.0.0') {
        $result = Invoke-Pester -Path (Join-Path $PSScriptRoot 'tests/Pester') -PassThru
        if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester test(s) failed" }
    }
    else {
        Write-Warning 'Pester tests SKIPPED: Pester 5 is not installed (Install-Module Pester -MinimumVersion 5.0).'
    }
}
