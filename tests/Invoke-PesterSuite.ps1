<#
.SYNOPSIS
    Runs tests/Pester with a pinned Pester, writes NUnit XML and the counts. build.ps1 -Task Pester|Test runs it in a child
    PowerShell (a clean session: the tests import HamletPS and load the local Azure Files endpoint).
#>
param(
    [Parameter(Mandatory)] [string] $ModulesPath,      # holds Pester/<PesterVersion>/
    [Parameter(Mandatory)] [string] $PesterVersion,
    [Parameter(Mandatory)] [string] $ResultPath,       # NUnit XML
    [Parameter(Mandatory)] [string] $CountsPath,       # JSON: Passed, Failed, Skipped
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
$env:PSModulePath = $ModulesPath + [IO.Path]::PathSeparator + $env:PSModulePath
$env:HAMLET_TEST_CONFIGURATION = $Configuration
Import-Module Pester -RequiredVersion $PesterVersion
$config = New-PesterConfiguration
$config.Run.Path = Join-Path $PSScriptRoot 'Pester'
$config.Run.PassThru = $true
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = $ResultPath
$config.Output.Verbosity = 'Normal'
$ErrorActionPreference = 'Continue'
$r = Invoke-Pester -Configuration $config
[pscustomobject]@{
    Passed  = $r.PassedCount
    Failed  = $r.FailedCount + $r.FailedBlocksCount + $r.FailedContainersCount
    Skipped = $r.SkippedCount + $r.NotRunCount
} | ConvertTo-Json | Set-Content -LiteralPath $CountsPath -Encoding UTF8
