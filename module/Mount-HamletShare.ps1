# Mount-HamletShare: the SMB route of the data transfer guide as a module function. Listed in HamletPS.psd1 under
# NestedModules (dot-sourced into the module) and FunctionsToExport; its help comes from docs/cmdlets/Mount-HamletShare.md
# through the module's MAML file.

function Mount-HamletShare {
    <#
    .EXTERNALHELP HamletPS.dll-Help.xml
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    [OutputType('HamletPS.ShareMount')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)]
        [ValidatePattern('^[a-z0-9]{3,24}$')]
        [string] $AccountName,

        [Parameter(Mandatory = $true, Position = 1, ValueFromPipelineByPropertyName = $true)]
        [Alias('Share')]
        [ValidateNotNullOrEmpty()]
        [string] $ShareName,

        [Parameter()]
        [securestring] $AccountKey,

        [Parameter()]
        [System.Management.Automation.Credential()]
        [pscredential] $Credential,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string] $ComputerName,

        [Parameter()]
        [ValidatePattern('^[A-Za-z]$')]
        [string] $DriveLetter = 'Z',

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string] $MountPoint,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string] $CredentialFile,

        [Parameter()]
        [ValidateRange(1, 65535)]
        [int] $Port = 445,

        [Parameter()]
        [switch] $GlobalMapping
    )

    process {
        $hostName = if ($ComputerName) { $ComputerName } else { "$AccountName.file.core.windows.net" }
        # Only the engine's own commands and .NET are used outside the Windows branch, so the function also runs in hosted engines.
        $onWindows = [System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT
        # Test seam (not a parameter, so the command's metadata is unchanged): the module-scoped $HamletShareMountPlatform
        # ('Windows' or 'Unix') picks the branch, so the Windows branch can be exercised elsewhere with Get-PSDrive/New-PSDrive and
        # Get-SmbGlobalMapping/New-SmbGlobalMapping shadowed.
        if ($script:HamletShareMountPlatform) { $onWindows = $script:HamletShareMountPlatform -eq 'Windows' }

        if ($AccountKey -and $Credential) {
            $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                [System.ArgumentException]::new('Give either -AccountKey or -Credential, not both.'),
                'AmbiguousCredentials', [System.Management.Automation.ErrorCategory]::InvalidArgument, $AccountName))
        }

        # 1. Port 445 (or -Port) must be open; otherwise say plainly that the HTTPS route is the way.
        $test = Test-HamletShareConnection -ComputerName $hostName -Port $Port -TimeoutSeconds 5
        $smb = $test.Ports | Where-Object { $_.Port -eq $Port }
        if (-not $smb.Reachable) {
            $message = "Cannot reach $hostName on port $Port (SMB): $($smb.Error). Your organisation or ISP probably blocks port 445, " +
                "so the share cannot be mounted from here. Upload over HTTPS instead: Send-AzureShare (or 'hamlet send-azure'), " +
                "or tunnel SMB through Azure P2S/S2S VPN or ExpressRoute."
            $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new(
                [System.InvalidOperationException]::new($message), 'Port445Blocked', [System.Management.Automation.ErrorCategory]::ConnectionError, $hostName))
            return
        }

        # 2. The key: -AccountKey, -Credential's password, or $env:HAMLET_STORAGE_KEY (never printed).
        $secret = if ($AccountKey) { $AccountKey } elseif ($Credential) { $Credential.Password } else { $null }
        $plainKey = if ($secret) { [System.Net.NetworkCredential]::new('', $secret).Password } else { $env:HAMLET_STORAGE_KEY }
        if (-not $plainKey -and -not $WhatIfPreference) {
            $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                [System.ArgumentException]::new("No key for storage account '$AccountName': pass -AccountKey or -Credential, or set HAMLET_STORAGE_KEY."),
                'NoStorageCredentials', [System.Management.Automation.ErrorCategory]::InvalidArgument, $AccountName))
        }

        $commands = [System.Collections.Generic.List[string]]::new()
        if ($onWindows) {
            $root = "\\$hostName\$ShareName"
            $where = "$($DriveLetter.ToUpperInvariant()):"
            $user = "localhost\$AccountName"
            # The key stays in a PSCredential handed to the mapping in this process: never on a command line (cmdkey's /pass:
            # shows in process listings and command-line audit logs) and never in the user's credential vault.
            $mapCredential = if ($secret) { [pscredential]::new($user, $secret) }
                             elseif ($plainKey) { [pscredential]::new($user, [System.Net.NetworkCredential]::new('', $plainKey).SecurePassword) }
                             else { $null }
            if ($GlobalMapping) {
                # One mapping for every account of this computer, the scheduled task's service account included (needs an
                # elevated session; Windows Server 2016 or later).
                $mapShown = "New-SmbGlobalMapping -RemotePath `"$root`" -LocalPath $where -Credential $user -Persistent `$true"
            }
            else {
                # A drive of this user's logon session: run it in the account that uses the drive (e.g. in the scheduled task).
                $mapShown = "New-PSDrive -Name $($DriveLetter.ToUpperInvariant()) -PSProvider FileSystem -Root `"$root`" -Credential $user -Persist -Scope Global"
            }
            $commands.Add($mapShown)
            if ($Port -ne 445) { $PSCmdlet.WriteWarning("Windows mounts Azure Files on port 445 only; -Port $Port is used for the reachability test alone.") }

            $existingRoot = $null
            if ($GlobalMapping) {
                $existing = Get-SmbGlobalMapping -LocalPath $where -ErrorAction SilentlyContinue
                if ($existing) { $existingRoot = [string]$existing.RemotePath }
            }
            else {
                $existing = Get-PSDrive -Name $DriveLetter -PSProvider FileSystem -ErrorAction SilentlyContinue
                if ($existing) { $existingRoot = if ($existing.DisplayRoot) { $existing.DisplayRoot } else { $existing.Root } }
            }
            if ($existingRoot) {
                if ($existingRoot.TrimEnd('\') -ieq $root) {
                    $PSCmdlet.WriteVerbose("$where is already mapped to $root.")
                    return [pscustomobject]@{ PSTypeName = 'HamletPS.ShareMount'; AccountName = $AccountName; Root = $root; MountedAt = $where; Status = 'AlreadyMounted'; Commands = $commands.ToArray() }
                }
                $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new(
                    [System.InvalidOperationException]::new("Drive $where is already mapped to $existingRoot; choose another -DriveLetter."),
                    'DriveLetterInUse', [System.Management.Automation.ErrorCategory]::ResourceExists, $where))
                return
            }
            $status = 'WhatIf'
            if ($PSCmdlet.ShouldProcess($mapShown, "Mount $root as $where?", 'Mount-HamletShare')) {
                if ($GlobalMapping) {
                    $null = New-SmbGlobalMapping -RemotePath $root -LocalPath $where -Credential $mapCredential -Persistent $true -ErrorAction Stop
                }
                else {
                    $null = New-PSDrive -Name $DriveLetter.ToUpperInvariant() -PSProvider FileSystem -Root $root -Credential $mapCredential -Persist -Scope Global -ErrorAction Stop
                }
                $status = 'Mounted'
            }
        }
        else {
            $root = "//$hostName/$ShareName"
            $where = if ($MountPoint) { $MountPoint } else { "/mnt/$AccountName/$ShareName" }
            $credPath = if ($CredentialFile) { $PSCmdlet.GetUnresolvedProviderPathFromPSPath($CredentialFile) } else { [System.IO.Path]::Combine($HOME, '.hamletps', 'smb', "$AccountName.cred") }
            $options = "credentials=$credPath,dir_mode=0770,file_mode=0660,serverino,nosharesock,actimeo=30,vers=3.1.1"
            if ($Port -ne 445) { $options += ",port=$Port" }
            $mkdirShown = "mkdir -p '$where'"
            $credShown = "install -m 600 /dev/null '$credPath' && printf 'username=$AccountName\npassword=********\n' > '$credPath'"
            $mountShown = "mount -t cifs '$root' '$where' -o $options"
            $commands.Add($mkdirShown); $commands.Add($credShown); $commands.Add($mountShown)

            if ([System.IO.File]::Exists('/proc/mounts') -and ([System.IO.File]::ReadAllLines('/proc/mounts') | Where-Object { ($_ -split ' ')[0] -eq $root -and ($_ -split ' ')[1] -eq $where })) {
                $PSCmdlet.WriteVerbose("$root is already mounted at $where.")
                return [pscustomobject]@{ PSTypeName = 'HamletPS.ShareMount'; AccountName = $AccountName; Root = $root; MountedAt = $where; Status = 'AlreadyMounted'; Commands = $commands.ToArray() }
            }
            $status = 'WhatIf'
            $go = $PSCmdlet.ShouldProcess($mkdirShown, "Create the mount point $where?", 'Mount-HamletShare')
            if ($go) { $null = [System.IO.Directory]::CreateDirectory($where) }
            if ($go -and $PSCmdlet.ShouldProcess($credShown, "Write the credentials file $credPath (mode 600)?", 'Mount-HamletShare')) {
                $folder = [System.IO.Path]::GetDirectoryName($credPath)
                if ($folder) { $null = [System.IO.Directory]::CreateDirectory($folder) }
                # Mode 600 before the key is written, so it is never readable by others, not even for a moment.
                [System.IO.File]::WriteAllText($credPath, '')
                if ([System.IO.File].GetMethod('SetUnixFileMode', [type[]]@([string], [System.IO.UnixFileMode]))) {
                    [System.IO.File]::SetUnixFileMode($credPath, [System.IO.UnixFileMode]'UserRead, UserWrite')
                } else { & chmod 600 $credPath }
                [System.IO.File]::WriteAllText($credPath, "username=$AccountName`npassword=$plainKey`n")
                if ($go -and $PSCmdlet.ShouldProcess($mountShown, "Mount $root at $where?", 'Mount-HamletShare')) {
                    $output = & mount -t cifs $root $where -o $options 2>&1
                    if ($LASTEXITCODE -ne 0) {
                        $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new(
                            [System.InvalidOperationException]::new("mount -t cifs failed (exit code $LASTEXITCODE): $output. Run as root (sudo) with cifs-utils installed."),
                            'MountFailed', [System.Management.Automation.ErrorCategory]::OpenError, $root))
                        return
                    }
                    $status = 'Mounted'
                }
            }
        }
        if ($WhatIfPreference) {
            foreach ($c in $commands) { $PSCmdlet.WriteInformation([System.Management.Automation.InformationRecord]::new($c, 'Mount-HamletShare')) }
        }
        [pscustomobject]@{ PSTypeName = 'HamletPS.ShareMount'; AccountName = $AccountName; Root = $root; MountedAt = $where; Status = $status; Commands = $commands.ToArray() }
    }
}
