#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The module installs the way PowerShell users install modules (README "Install the module"): the package that
# `./build.ps1 -Task Package` writes (out/packages/HamletPS.<version>.nupkg) is published with Publish-PSResource to a folder
# repository (a hospital file share stands in), installed from it with Install-PSResource, and then used in a new PowerShell
# process without Import-Module (module autoloading).
# Every step runs in a child PowerShell whose HOME (Linux/macOS) is a scratch folder, so the repository registration and the
# CurrentUser module folder are the scratch ones, never this user's. On Windows the registration is removed afterwards and the
# module is saved with Save-PSResource -Path into a scratch module folder instead (Install-PSResource -Scope CurrentUser
# would write to the user's Documents folder).
# Run: Invoke-Pester -Path tests/Pester/Install.Tests.ps1 -Output Detailed   (after `./build.ps1 -Task Package`)

BeforeAll {
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:version = ([xml](Get-Content (Join-Path $repo 'Directory.Build.props'))).Project.PropertyGroup.HamletVersion | Where-Object { $_ } | Select-Object -First 1
    $script:nupkg = Join-Path $repo "out/packages/HamletPS.$($script:version).nupkg"
    if (-not (Test-Path -LiteralPath $script:nupkg)) { throw "$($script:nupkg) is missing: run ./build.ps1 -Task Package first" }
    $script:sample = Join-Path $repo 'examples/data/incoming'
    $script:scratch = Join-Path ([System.IO.Path]::GetTempPath()) ('hamlet-pester-install-' + [guid]::NewGuid().ToString('N'))
    $script:feed = Join-Path $script:scratch 'share/powershell-modules'   # the hospital's file share
    $script:scratchHome = Join-Path $script:scratch 'home'
    $script:modules = Join-Path $script:scratch 'modules'                 # Windows: Save-PSResource target
    New-Item -ItemType Directory -Path $script:feed, $script:scratchHome, $script:modules -Force | Out-Null
    $script:pwsh = foreach ($name in 'pwsh', 'pwsh.exe') { $p = Join-Path $PSHOME $name; if (Test-Path -LiteralPath $p -PathType Leaf) { $p; break } }
    if (-not $script:pwsh) { $script:pwsh = (Get-Process -Id $PID).Path }

    # Runs a script in a new PowerShell with the scratch HOME and no inherited PSModulePath (so PowerShell computes the
    # default module path itself, as for a fresh logon); returns exit code, output and errors.
    function Invoke-ScratchPowerShell([string] $Script, [string] $ModulePath) {
        $psi = [System.Diagnostics.ProcessStartInfo]::new($script:pwsh)
        foreach ($a in '-NoProfile', '-NonInteractive', '-Command', $Script) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $null = $psi.Environment.Remove('PSModulePath')
        if ($ModulePath) { $psi.Environment['PSModulePath'] = $ModulePath }
        if (-not $IsWindows) {
            $psi.Environment['HOME'] = $script:scratchHome
            foreach ($v in 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME') { $null = $psi.Environment.Remove($v) }
        }
        $psi.Environment['POWERSHELL_TELEMETRY_OPTOUT'] = '1'
        $psi.Environment['POWERSHELL_UPDATECHECK'] = 'Off'
        $p = [System.Diagnostics.Process]::Start($psi)
        $stderr = $p.StandardError.ReadToEndAsync()
        $stdout = $p.StandardOutput.ReadToEnd()
        if (-not $p.WaitForExit(180000)) { $p.Kill(); throw 'the child PowerShell did not finish in 3 minutes' }
        [pscustomobject]@{ ExitCode = $p.ExitCode; Output = $stdout; Errors = $stderr.Result }
    }
}

AfterAll {
    if ($IsWindows) { Invoke-ScratchPowerShell 'Unregister-PSResourceRepository -Name HamletScratch -ErrorAction SilentlyContinue' | Out-Null }
    Remove-Item -LiteralPath $script:scratch -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Install from a folder repository' {
    It 'publishes the package to a folder repository and installs HamletPS from it' {
        $install = if ($IsWindows) { "Save-PSResource -Name HamletPS -Repository HamletScratch -Path '$($script:modules)' -TrustRepository -ErrorAction Stop" }
                   else { 'Install-PSResource -Name HamletPS -Repository HamletScratch -Scope CurrentUser -TrustRepository -ErrorAction Stop' }
        $r = Invoke-ScratchPowerShell @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name HamletScratch -Uri '$($script:feed)' -Trusted
Publish-PSResource -NupkgPath '$($script:nupkg)' -Repository HamletScratch
(Find-PSResource -Name HamletPS -Repository HamletScratch).Version.ToString()
$install
"@
        $r.Errors | Should -BeNullOrEmpty
        $r.ExitCode | Should -Be 0
        $r.Output.Trim() | Should -Be $script:version
        Test-Path -LiteralPath (Join-Path $script:feed "HamletPS.$($script:version).nupkg") | Should -BeTrue
        if (-not $IsWindows) {
            # CurrentUser scope on Linux/macOS: ~/.local/share/powershell/Modules/<name>/<version>/
            Test-Path -LiteralPath (Join-Path $script:scratchHome ".local/share/powershell/Modules/HamletPS/$($script:version)/HamletPS.psd1") | Should -BeTrue
        }
    }

    It 'a new PowerShell runs Get-DicomFile without Import-Module (autoloading) from the installed module' {
        $modulePath = if ($IsWindows) { $script:modules } else { $null }
        $r = Invoke-ScratchPowerShell @"
`$ErrorActionPreference = 'Stop'
if (Get-Module HamletPS) { throw 'HamletPS was loaded before its first command' }
@(Get-DicomFile -Path '$($script:sample)' -Recurse).Count
(Get-Module HamletPS).ModuleBase
(Get-Module HamletPS).Version.ToString()
"@ -ModulePath $modulePath
        $r.Errors | Should -BeNullOrEmpty
        $r.ExitCode | Should -Be 0
        $lines = @($r.Output.Trim() -split "\r?\n")
        [int]$lines[0] | Should -Be @(Get-ChildItem -LiteralPath $script:sample -Recurse -File).Count
        $lines[1] | Should -BeLike ((Resolve-Path -LiteralPath $script:scratch).Path + '*')
        $lines[2] | Should -Be $script:version
    }

    It 'the user''s own repository registrations are untouched (Linux/macOS: the registration lives in the scratch HOME)' -Skip:$IsWindows {
        Test-Path -LiteralPath (Join-Path $script:scratchHome '.local/share/PSResourceGet/PSResourceRepository.xml') | Should -BeTrue
        Get-PSResourceRepository -Name HamletScratch -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
