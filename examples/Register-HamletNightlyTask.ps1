<#
.SYNOPSIS
    Registers Invoke-NightlyHamletUpload.ps1 as a Windows scheduled task that runs every night under a service account.

.DESCRIPTION
    A daily trigger at -At (default 20:00), the action `powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass
    -File Invoke-NightlyHamletUpload.ps1 -ConfigPath <config>` (or pwsh.exe with -UsePwsh), run whether the account is
    logged on or not, with a time limit so a hung night never overlaps the next one. The account needs: write access to
    the DATAPATH folders, the right to listen on DICOMNODE.PORT, and "Log on as a batch job". Use a group managed service
    account (-ServiceAccount 'DOMAIN\svc-hamlet$', no password) where the domain has one; otherwise pass -Credential.

    -WhatIf shows the task that would be registered and changes nothing. Run from an elevated session.

.EXAMPLE
    .\Register-HamletNightlyTask.ps1 -ConfigPath D:\Hamlet\config.yaml -ServiceAccount 'HOSPITAL\svc-hamlet$' -At 21:30

.EXAMPLE
    .\Register-HamletNightlyTask.ps1 -ConfigPath D:\Hamlet\config.yaml -Credential (Get-Credential HOSPITAL\svc-hamlet) -WhatIf

.EXAMPLE
    .\Register-HamletNightlyTask.ps1 -ConfigPath D:\Hamlet\config.yaml -ServiceAccount 'HOSPITAL\svc-hamlet$' -At 02:00 -SkipReceive

    The nightly pull: no receive window; Invoke-HamletPipeline pulls the lookup table's patients from the PACS of the
    configuration's PACS section, then sorts, protects and archives, and the job uploads.
#>
[CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'ServiceAccount')]
param(
    # The site configuration the nightly job uses.
    [Parameter(Mandatory = $true)]
    [string] $ConfigPath,

    # A (group) managed service account, e.g. DOMAIN\svc-hamlet$ (no password stored).
    [Parameter(ParameterSetName = 'ServiceAccount')]
    [string] $ServiceAccount = 'NT AUTHORITY\NETWORK SERVICE',

    # A normal domain account: its password is stored by Task Scheduler.
    [Parameter(Mandatory = $true, ParameterSetName = 'Credential')]
    [System.Management.Automation.PSCredential] $Credential,

    # Time of day the job starts.
    [string] $At = '20:00',

    # Receive window of the job (seconds without an association before it moves on).
    [int] $IdleTimeoutSeconds = 900,

    # No receive window: the job pulls from the PACS (the PACS section of the configuration), processes and uploads.
    [switch] $SkipReceive,

    [string] $TaskName = 'HamletPS nightly upload',

    [string] $TaskPath = '\HamletPS\',

    # Run the job with PowerShell 7 (pwsh.exe) instead of Windows PowerShell 5.1.
    [switch] $UsePwsh,

    # Where the nightly script lives (default: beside this one).
    [string] $ScriptPath = [System.IO.Path]::Combine($PSScriptRoot, 'Invoke-NightlyHamletUpload.ps1'),

    # Replace an existing task of the same name.
    [switch] $Force
)

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'

$config = [System.IO.Path]::GetFullPath($ConfigPath)
$script = [System.IO.Path]::GetFullPath($ScriptPath)
if (-not [System.IO.File]::Exists($script)) { throw "The nightly script '$script' does not exist." }
$exe = if ($UsePwsh) { 'pwsh.exe' } else { 'powershell.exe' }
$arguments = '-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "{0}" -ConfigPath "{1}" -IdleTimeoutSeconds {2}' -f $script, $config, $IdleTimeoutSeconds
if ($SkipReceive) { $arguments += ' -SkipReceive' }

$action = New-ScheduledTaskAction -Execute $exe -Argument $arguments -WorkingDirectory ([System.IO.Path]::GetDirectoryName($config))
$trigger = New-ScheduledTaskTrigger -Daily -At $At
# Never two nights at once; stop a job that runs past 12 hours; start a missed run when the machine is back.
$settings = New-ScheduledTaskSettingsSet -MultipleInstances IgnoreNew -ExecutionTimeLimit ([TimeSpan]::FromHours(12)) -StartWhenAvailable

$register = @{
    TaskName = $TaskName
    TaskPath = $TaskPath
    Action   = $action
    Trigger  = $trigger
    Settings = $settings
    Description = 'HamletPS: receive, de-identify, archive and upload radiotherapy DICOM to the trial share (examples/Invoke-NightlyHamletUpload.ps1).'
}
if ($PSCmdlet.ParameterSetName -eq 'Credential') {
    $register['User'] = $Credential.UserName
    $register['Password'] = $Credential.GetNetworkCredential().Password
    $register['RunLevel'] = 'Limited'
}
else {
    # A service account has no password to store: LogonType Password would fail; ServiceAccount (or S4U for gMSA) is used.
    $logon = if ($ServiceAccount.EndsWith('$')) { 'Password' } else { 'ServiceAccount' }
    $register['Principal'] = New-ScheduledTaskPrincipal -UserId $ServiceAccount -LogonType $logon -RunLevel Limited
}
if ($Force) { $register['Force'] = $true }

if ($PSCmdlet.ShouldProcess($TaskPath + $TaskName, "Register a daily task at $At running '$exe $arguments'")) {
    Register-ScheduledTask @register
}
