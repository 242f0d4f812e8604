<#
.SYNOPSIS
    The data transfer guide's SMB mount script, with HamletPS: test port 445, mount the share, copy the archives safely,
    and fall back to the HTTPS upload when 445 is blocked.

.DESCRIPTION
    Replace the account and share names with the ones the study team gave you. The account key is read once and handed to the
    mapping as a credential object (Windows; never on a command line) or kept in a credentials file of mode 600 (Linux); it
    is never written to the console or a log.
    Run with -WhatIf first to see what would be done.

.EXAMPLE
    .\Mount-HamletShare-Example.ps1 -AccountName hamletrtcambridge -ShareName cambridge-incoming -Outgoing C:\data\htp\outgoing
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [Parameter(Mandatory = $true)] [string] $AccountName,
    [Parameter(Mandatory = $true)] [string] $ShareName,
    [Parameter(Mandatory = $true)] [string] $Outgoing,
    [string] $DriveLetter = 'Z'
)

Import-Module HamletPS -ErrorAction Stop

$test = Test-HamletShareConnection -AccountName $AccountName
$test | Format-Table
if ($test.SmbReachable) {
    $key = Read-Host -AsSecureString "Storage account key for $AccountName"
    $mount = Mount-HamletShare -AccountName $AccountName -ShareName $ShareName -AccountKey $key -DriveLetter $DriveLetter
    $destination = if ($mount.MountedAt -match '^[A-Z]:$') { $mount.MountedAt + '\' } else { $mount.MountedAt }
    # Copied as name.partial, flushed, re-read and hashed, then renamed: a half-copied archive never looks complete.
    Get-ChildItem -Path $Outgoing -Filter *.zip | Send-AzureShare -Destination $destination
}
else {
    Write-Warning $test.Message
    # Port 445 is blocked: upload over HTTPS instead, verified and resumable (re-run the same line after an interruption).
    $key = Read-Host -AsSecureString "Storage account key for $AccountName"
    Get-ChildItem -Path $Outgoing -Filter *.zip | Send-AzureShare -AccountName $AccountName -AccountKey $key -Share $ShareName
}
