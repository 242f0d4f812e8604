<#
.SYNOPSIS
    Moves a site from the Hamlet.rt Trial Processor (HTP) to HamletPS with its existing Config.yaml and mapping.csv,
    unchanged.

.DESCRIPTION
    HamletPS reads the old tool's configuration as it is: APP (SITE, USER), DATAPATH (INCOMING, SORTED, OUTGOING, with or
    without trailing separators), DICOMNODE (AET, PORT), CIPHER (FOLDERKEY) and AZURE; mapping.csv (MRN,Study_ID, as Excel
    saves it) beside the configuration is the lookup table. This script:
      1. checks the file with Test-HamletConfig (every problem with its file and line; nothing is rewritten),
      2. shows what each old button is in HamletPS (returned as objects: Old, New),
      3. with -Process, runs the old "Process data" once (Invoke-HamletPipeline) on what is in INCOMING now.
    The old tool's folders stay where they are; nothing is copied or converted.

.EXAMPLE
    .\Invoke-HamletMigration.ps1 -OldToolFolder 'C:\HTP'

.EXAMPLE
    .\Invoke-HamletMigration.ps1 -ConfigPath 'C:\HTP\Config.yaml' -Process -WhatIf
#>
[CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'Folder')]
param(
    # The old tool's folder holding Config.yaml (or config.yaml) and mapping.csv.
    [Parameter(Mandatory = $true, ParameterSetName = 'Folder', Position = 0)]
    [string] $OldToolFolder,

    # The old configuration file itself.
    [Parameter(Mandatory = $true, ParameterSetName = 'File')]
    [string] $ConfigPath,

    # Also run "Process data" once on INCOMING.
    [switch] $Process,

    # With -Process: seconds a file must be unchanged before it is sorted.
    [ValidateRange(0, 86400)]
    [int] $SettleSeconds = 5
)

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'
if (-not (Get-Module -Name HamletPS)) { Import-Module -Name HamletPS }

if ($PSCmdlet.ParameterSetName -eq 'Folder') {
    $folder = $PSCmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OldToolFolder)
    $ConfigPath = $null
    foreach ($name in 'Config.yaml', 'config.yaml', 'Config.yml', 'config.yml') {
        $candidate = [System.IO.Path]::Combine($folder, $name)
        if (-not $ConfigPath -and [System.IO.File]::Exists($candidate)) { $ConfigPath = $candidate }
    }
    if (-not $ConfigPath) {
        $found = @([System.IO.Directory]::GetFiles($folder, '*.y*ml'))
        if ($found.Count -eq 0) { throw "No Config.yaml in '$folder'." }
        $ConfigPath = $found[0]
    }
}
$ConfigPath = $PSCmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ConfigPath)

# 1. The old file, read as it is.
$findings = @(Test-HamletConfig -ConfigPath $ConfigPath)
$errors = @($findings | Where-Object { $_.Severity -eq 'Error' })
foreach ($finding in $findings) { $PSCmdlet.WriteVerbose($finding.ToString()) }
if ($errors.Count -gt 0) {
    $errors | ForEach-Object { $PSCmdlet.WriteWarning($_.ToString()) }
    throw "The configuration '$ConfigPath' has $($errors.Count) error(s) (file and line above); HamletPS reads it unchanged once they are fixed."
}
$config = Get-HamletConfig -ConfigPath $ConfigPath

# 2. Old buttons, new commands.
$c = '-ConfigPath "' + $ConfigPath + '"'
@(
    [pscustomobject]@{ Old = 'Start DICOM receiver'; New = "Receive-Dicom $c   (AE $($config.DicomNode.AeTitle), port $($config.DicomNode.Port))" }
    [pscustomobject]@{ Old = 'Process data'; New = "Invoke-HamletPipeline $c" }
    [pscustomobject]@{ Old = 'Upload to Azure'; New = "Get-Item '$($config.DataPath.Outgoing)\*.zip' | Send-AzureShare $c" }
    [pscustomobject]@{ Old = 'Listing contents of your storage account'; New = "Get-AzureShareItem $c" }
    [pscustomobject]@{ Old = 'Empty folders'; New = "Clear-HamletFolder $c" }
    [pscustomobject]@{ Old = 'mapping.csv'; New = $(if ($config.Hamlet.MappingFile -and [System.IO.File]::Exists($config.Hamlet.MappingFile)) { "used as it is: $($config.Hamlet.MappingFile)" } else { 'none found: every patient is pseudonymised with CIPHER.FOLDERKEY' }) }
)

# 3. One run of "Process data".
if ($Process) {
    Invoke-HamletPipeline -ConfigPath $ConfigPath -SettleSeconds $SettleSeconds -WhatIf:$WhatIfPreference
}
