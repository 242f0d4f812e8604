<#
.SYNOPSIS
    The nightly HamletPS job: receive for a window, process (sort, de-identify, archive), upload, clear.

.DESCRIPTION
    Meant for a scheduled task (Register-HamletNightlyTask.ps1) or a manual run. Every setting comes from the site
    configuration (config.yaml in the old tool's format: DATAPATH, DICOMNODE, CIPHER, AZURE).

      1. Receive-Dicom listens on DICOMNODE.PORT as DICOMNODE.AET until no association was open for -IdleTimeoutSeconds,
         or -Count files arrived (skip with -SkipReceive when the TPS exports to INCOMING by itself).
      2. Invoke-HamletPipeline sorts INCOMING, protects every patient and writes the archive into OUTGOING.
      3. Send-AzureShare uploads every archive in OUTGOING (verified; an archive already on the share is skipped, an
         interrupted one resumes).
      4. Clear-HamletFolder empties INCOMING and SORTED, only when steps 2 and 3 succeeded.

    One log file per night (hamlet-nightly-yyyyMMdd.log in -LogFolder, default HAMLET.LOGS or 'logs' beside the
    configuration) with counts, archive names, error ids and the exit code: never a patient name, ID or date.
    No e-mail: the scheduler (Task Scheduler history, systemd journal) reports the exit code.

    Exit codes: 0 all went well (also: nothing received), 1 some files failed (the rest were sent), 2 configuration or
    usage error, 3 the upload failed (archives stay in OUTGOING and are sent next night), 4 processing failed.

.EXAMPLE
    .\Invoke-NightlyHamletUpload.ps1 -ConfigPath D:\Hamlet\config.yaml -IdleTimeoutSeconds 1800

.EXAMPLE
    .\Invoke-NightlyHamletUpload.ps1 -ConfigPath D:\Hamlet\config.yaml -SkipReceive -WhatIf
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    # The site configuration (default: $env:HAMLET_CONFIG, then config.yaml in the current folder).
    [string] $ConfigPath = $env:HAMLET_CONFIG,

    # Stop receiving after this many seconds without an open association.
    [ValidateRange(1, 86400)]
    [int] $IdleTimeoutSeconds = 900,

    # Stop receiving after this many files (0: no limit).
    [ValidateRange(0, 1000000)]
    [int] $Count = 0,

    # Do not run a receiver (files reach INCOMING another way).
    [switch] $SkipReceive,

    # Process only; leave the archives in OUTGOING (e.g. for a test night or the SMB route).
    [switch] $SkipUpload,

    # Keep INCOMING and SORTED.
    [switch] $SkipClear,

    # Folder of the nightly log files.
    [string] $LogFolder,

    # Seconds a file must be unchanged before it is sorted (0 when the receiver has just finished writing).
    [ValidateRange(0, 86400)]
    [int] $SettleSeconds = 0
)

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'

function Write-NightlyLog {
    # One line, timestamped, into the night's log file and the verbose stream. Callers pass counts, ids and archive
    # names only: never a patient value.
    param([Parameter(Mandatory = $true)][string] $Message)
    $line = [DateTime]::Now.ToString('yyyy-MM-dd HH:mm:ss') + ' ' + $Message
    if ($script:LogFile) { [System.IO.File]::AppendAllText($script:LogFile, $line + [Environment]::NewLine) }
    $PSCmdlet.WriteVerbose($line)
}

function Write-NightlyErrorSummary {
    # Error records by stable id (e.g. QuarantinedDicomFile x2): the messages may name files, the ids never do.
    param([string] $Step, [object[]] $Records)
    if (-not $Records -or $Records.Count -eq 0) { return }
    $counts = @{}
    foreach ($record in $Records) {
        $id = $record.FullyQualifiedErrorId.Split(',')[0]
        if ($counts.ContainsKey($id)) { $counts[$id]++ } else { $counts[$id] = 1 }
    }
    foreach ($id in $counts.Keys) { Write-NightlyLog ("{0}: error {1} x{2}" -f $Step, $id, $counts[$id]) }
}

function Stop-Nightly {
    param([int] $Code, [string] $Reason)
    Write-NightlyLog ("Finished with exit code {0}: {1}" -f $Code, $Reason)
    exit $Code
}

$script:LogFile = $null
try {
    if (-not (Get-Module -Name HamletPS)) { Import-Module -Name HamletPS -ErrorAction Stop }
    $configArgs = @{}
    if ($ConfigPath) { $configArgs['ConfigPath'] = $ConfigPath }
    $config = Get-HamletConfig @configArgs
}
catch {
    # No log folder known yet: the scheduler records the exit code; the message names the file and line, never a value.
    [Console]::Error.WriteLine('HamletPS nightly: configuration error: ' + $_.Exception.Message)
    exit 2
}

if (-not $LogFolder) {
    $LogFolder = if ($config.Hamlet.Logs) { $config.Hamlet.Logs } else { 'logs' }
}
if (-not [System.IO.Path]::IsPathRooted($LogFolder)) { $LogFolder = [System.IO.Path]::Combine($config.BaseDirectory, $LogFolder) }
[void][System.IO.Directory]::CreateDirectory($LogFolder)
$script:LogFile = [System.IO.Path]::Combine($LogFolder, 'hamlet-nightly-' + [DateTime]::Now.ToString('yyyyMMdd') + '.log')
$configArgs['ConfigPath'] = $config.SourcePath
$exitCode = 0
$receiveErrors = @(); $processErrors = @(); $uploadErrors = @(); $clearErrors = @()
Write-NightlyLog ("Start: site {0}, configuration {1}" -f $config.App.Site, $config.SourcePath)

# 1. Receive window.
if (-not $SkipReceive) {
    $receiveArgs = @{ IdleTimeout = $IdleTimeoutSeconds }
    if ($Count -gt 0) { $receiveArgs['Count'] = $Count }
    Write-NightlyLog ("Receiving as {0} on port {1} until {2} s idle{3}" -f $config.DicomNode.AeTitle, $config.DicomNode.Port, $IdleTimeoutSeconds,
        $(if ($Count -gt 0) { " or $Count files" } else { '' }))
    try {
        $received = @(Receive-Dicom @configArgs @receiveArgs -ErrorVariable +receiveErrors -ErrorAction Continue -WhatIf:$WhatIfPreference)
    }
    catch {
        Write-NightlyLog ('Receive: stopped: ' + $_.FullyQualifiedErrorId.Split(',')[0])
        Stop-Nightly 2 'the receiver could not start (port in use or blocked, AE title, incoming folder)'
    }
    Write-NightlyLog ("Received {0} files" -f $received.Count)
    Write-NightlyErrorSummary 'Receive' $receiveErrors
}

# 2. Process: sort, protect, residual check, archive.
try {
    $summary = Invoke-HamletPipeline @configArgs -SettleSeconds $SettleSeconds -ErrorVariable +processErrors -ErrorAction Continue -WhatIf:$WhatIfPreference
}
catch {
    Write-NightlyLog ('Process: stopped: ' + $_.FullyQualifiedErrorId.Split(',')[0])
    Stop-Nightly $(if ($_.CategoryInfo.Category -eq 'InvalidArgument' -or $_.CategoryInfo.Category -eq 'InvalidData') { 2 } else { 4 }) 'processing failed'
}
Write-NightlyErrorSummary 'Process' $processErrors
if ($summary) {
    Write-NightlyLog ("Processed: {0} sorted, {1} protected, {2} quarantined, {3} failed, {4} archive(s)" -f
        $summary.Sorted, $summary.Protected, $summary.Quarantined, $summary.Failed, $summary.Archives.Count)
    foreach ($archive in $summary.Archives) { Write-NightlyLog ("Archive {0}: {1} files" -f [System.IO.Path]::GetFileName($archive.Path), $archive.EntryCount) }
    if (-not $summary.Succeeded -or $summary.Failed -gt 0 -or $summary.Quarantined -gt 0) { $exitCode = 1 }
}
if ($processErrors.Count -gt 0) { $exitCode = 1 }

# 3. Upload every archive in OUTGOING (earlier nights' leftovers too: identical ones are skipped, partial ones resume).
$uploadFailed = $false
if (-not $SkipUpload) {
    $archives = @()
    if ([System.IO.Directory]::Exists($config.DataPath.Outgoing)) { $archives = @([System.IO.Directory]::GetFiles($config.DataPath.Outgoing, '*.zip')) }
    if ($archives.Count -gt 0) {
        $sent = @($archives | Send-AzureShare @configArgs -ErrorVariable +uploadErrors -ErrorAction Continue -WhatIf:$WhatIfPreference)
        foreach ($result in $sent) { Write-NightlyLog ("Upload {0}: {1}, {2} bytes" -f $result.Name, $result.Status, $result.Bytes) }
        Write-NightlyErrorSummary 'Upload' $uploadErrors
        if ($uploadErrors.Count -gt 0) { $uploadFailed = $true }
    }
    else {
        Write-NightlyLog 'Upload: no archive in OUTGOING'
    }
}
if ($uploadFailed) { Stop-Nightly 3 'the upload failed: the archives stay in OUTGOING for the next night' }

# 4. Clear INCOMING and SORTED (only what the journal or an archive manifest records; never OUTGOING).
if (-not $SkipClear -and $exitCode -eq 0 -and -not $WhatIfPreference) {
    $cleared = @(Clear-HamletFolder @configArgs -Confirm:$false -PassThru -ErrorVariable +clearErrors -ErrorAction Continue)
    Write-NightlyLog ("Cleared {0} files from INCOMING and SORTED" -f $cleared.Count)
    Write-NightlyErrorSummary 'Clear' $clearErrors
}

Stop-Nightly $exitCode $(if ($exitCode -eq 0) { 'ok' } else { 'some files failed; see the error ids above' })
