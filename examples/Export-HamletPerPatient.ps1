<#
.SYNOPSIS
    One archive per trial patient (named after the Study ID, e.g. 999_1001.zip) for sites that send through a large-file
    transfer service instead of the Azure share.

.DESCRIPTION
    Sorts INCOMING, de-identifies every patient and zips each Study ID into its own archive (with its manifest) in
    -ExportFolder, then writes <StudyID>.zip.sha256 beside each archive (the `sha256sum -c` format) so the receiving side
    can check the transfer. Nothing here leaves the hospital by itself: upload the folder's files with the transfer service.
    Returns one object per archive (Path, StudyIds, EntryCount, Sha256).

.EXAMPLE
    .\Export-HamletPerPatient.ps1 -ConfigPath D:\Hamlet\config.yaml -ExportFolder D:\Hamlet\transfer

.EXAMPLE
    .\Export-HamletPerPatient.ps1 -ConfigPath D:\Hamlet\config.yaml -ExportFolder D:\Hamlet\transfer -WhatIf
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [string] $ConfigPath = $env:HAMLET_CONFIG,

    # Where the per-patient archives go (default: OUTGOING of the configuration).
    [string] $ExportFolder,

    # Seconds a file must be unchanged before it is sorted.
    [ValidateRange(0, 86400)]
    [int] $SettleSeconds = 5
)

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'
if (-not (Get-Module -Name HamletPS)) { Import-Module -Name HamletPS }

function Get-ArchiveSha256 {
    param([Parameter(Mandatory = $true)][string] $Path)
    $sha = [System.Security.Cryptography.SHA256]::Create()
    $stream = [System.IO.File]::OpenRead($Path)
    try { return ([System.BitConverter]::ToString($sha.ComputeHash($stream)) -replace '-', '').ToLowerInvariant() }
    finally { $stream.Dispose(); $sha.Dispose() }
}

$configArgs = @{}
if ($ConfigPath) { $configArgs['ConfigPath'] = $ConfigPath }
$config = Get-HamletConfig @configArgs
$configArgs['ConfigPath'] = $config.SourcePath
if (-not $ExportFolder) { $ExportFolder = $config.DataPath.Outgoing }
$ExportFolder = $PSCmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ExportFolder)
if (-not $WhatIfPreference) { [void][System.IO.Directory]::CreateDirectory($ExportFolder) }

Invoke-DicomSort @configArgs -SettleSeconds $SettleSeconds |
    Protect-DicomPatient @configArgs |
    New-HamletArchive @configArgs -PerPatient -Destination $ExportFolder -Verify |
    ForEach-Object {
        $hash = Get-ArchiveSha256 -Path $_.Path
        $name = [System.IO.Path]::GetFileName($_.Path)
        [System.IO.File]::WriteAllText($_.Path + '.sha256', $hash + '  ' + $name + "`n")
        [pscustomobject]@{ Path = $_.Path; StudyIds = $_.StudyIds; EntryCount = $_.EntryCount; Sha256 = $hash }
    }
