#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Send-AzureShare, Get-AzureShareItem, Test-HamletShareConnection and Mount-HamletShare as a user runs them (the xunit
# Commands/*Tests.cs of the same names keep the cases that need the endpoint's fault injection or TLS),
# for sites and Windows CI (Windows PowerShell 5.1 and pwsh). The share tests upload to the local Azure Files endpoint
# (tests/HamletPS.AzureFilesEndpoint, started in this process by Support/TestFilesEndpoint.ps1), or to the account of
#   $env:HAMLET_TEST_FILES_CONNECTION_STRING  a connection string (e.g. a throw-away storage account) whose account has a share named by
#   $env:HAMLET_TEST_FILES_SHARE              (default 'incoming').
# Run: Invoke-Pester -Path tests/Pester/Azure.Tests.ps1 -Output Detailed

BeforeAll {
    $version = ([xml](Get-Content (Join-Path $PSScriptRoot '../../Directory.Build.props'))).Project.PropertyGroup.HamletVersion | Where-Object { $_ } | Select-Object -First 1
    Import-Module (Join-Path $PSScriptRoot "../../out/HamletPS/$version/HamletPS.psd1") -Force -ErrorAction Stop
    . (Join-Path $PSScriptRoot 'Support/TestFilesEndpoint.ps1')
    $script:files = Start-TestFilesEndpoint
    $script:cs = $script:files.ConnectionString
    $script:share = $script:files.Share
    $script:dir = 'pester-' + [guid]::NewGuid().ToString('N')
    $script:work = Join-Path ([System.IO.Path]::GetTempPath()) $script:dir
    New-Item -ItemType Directory -Path $script:work | Out-Null
    function New-RandomFile([string] $Name, [int] $Bytes, [int] $Seed) {
        $path = Join-Path $script:work $Name
        $data = New-Object byte[] $Bytes
        (New-Object System.Random $Seed).NextBytes($data)
        [System.IO.File]::WriteAllBytes($path, $data)
        $path
    }
    function Get-Md5Base64([string] $Path) {
        $md5 = [System.Security.Cryptography.MD5]::Create()
        try { [Convert]::ToBase64String($md5.ComputeHash([System.IO.File]::ReadAllBytes($Path))) } finally { $md5.Dispose() }
    }
}

AfterAll {
    Stop-TestFilesEndpoint $script:files
    Remove-Item -LiteralPath $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Send-AzureShare' {
    BeforeAll { $script:ledgers = Join-Path $script:work 'ledgers' }

    It 'uploads piped objects with a Path property, verified, and a re-run skips them' {
        $a = New-RandomFile 'site_A-1.zip' (5MB + 17) 1
        $b = New-RandomFile 'site_A-2.zip' 1000 2
        $results = $a, $b | ForEach-Object { [pscustomobject]@{ Path = $_ } } |
            Send-AzureShare -ConnectionString $script:cs -Share $script:share -Directory $script:dir -LedgerPath $script:ledgers -Confirm:$false
        $results.Count | Should -Be 2
        $results | ForEach-Object { $_.Status | Should -Be 'Uploaded'; $_.Uri.Query | Should -BeNullOrEmpty }
        $results[0].Md5Base64 | Should -Be (Get-Md5Base64 $a)
        (Send-AzureShare -Path $a, $b -ConnectionString $script:cs -Share $script:share -Directory $script:dir -LedgerPath $script:ledgers).Status | Should -Be @('Skipped', 'Skipped')
    }

    It 'needs -Force to replace different content' {
        $f = New-RandomFile 'diff.zip' 4000 3
        Send-AzureShare $f -ConnectionString $script:cs -Share $script:share -Directory $script:dir -LedgerPath $script:ledgers | Out-Null
        [System.IO.File]::WriteAllBytes($f, (New-Object byte[] 4000))
        Send-AzureShare $f -ConnectionString $script:cs -Share $script:share -Directory $script:dir -LedgerPath $script:ledgers -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'RemoteFileDiffers,HamletPS.Commands.SendAzureShareCommand'
        (Send-AzureShare $f -ConnectionString $script:cs -Share $script:share -Directory $script:dir -LedgerPath $script:ledgers -Force -Confirm:$false).Status | Should -Be 'Uploaded'
    }

    It 'sends nothing with -WhatIf' {
        $f = New-RandomFile 'whatif.zip' 3000 4
        Send-AzureShare $f -ConnectionString $script:cs -Share $script:share -Directory $script:dir -WhatIf | Should -BeNullOrEmpty
        Get-AzureShareItem -ConnectionString $script:cs -Share $script:share -Directory $script:dir | Where-Object Name -eq 'whatif.zip' | Should -BeNullOrEmpty
    }

    It 'reports a wrong key as AuthenticationFailed without the key in any text' {
        $f = New-RandomFile 'key.zip' 3000 5
        $wrong = [Convert]::ToBase64String((New-Object byte[] 64))
        $badCs = $script:cs -replace 'AccountKey=[^;]+', "AccountKey=$wrong"
        Send-AzureShare $f -ConnectionString $badCs -Share $script:share -LedgerPath $script:ledgers -ErrorVariable err -ErrorAction SilentlyContinue -Verbose 4>&1 3>&1 |
            ForEach-Object { "$_" | Should -Not -Match ([regex]::Escape($wrong)) }
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,HamletPS.Commands.SendAzureShareCommand'
        $err[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        "$($err[0])" + $err[0].Exception.ToString() | Should -Not -Match ([regex]::Escape($wrong))
    }

    It 'copies into a folder standing in for the mounted share (SMB route) through a .partial name' {
        $f = New-RandomFile 'smb.zip' 3MB 6
        $mount = Join-Path $script:work 'mounted'
        New-Item -ItemType Directory -Path $mount | Out-Null
        $r = Send-AzureShare -LiteralPath $f -Destination $mount -Confirm:$false
        $r.Status | Should -Be 'Copied'
        (Get-ChildItem $mount).Name | Should -Be 'smb.zip'
        (Get-FileHash $f).Hash | Should -Be (Get-FileHash (Join-Path $mount 'smb.zip')).Hash
        (Send-AzureShare -LiteralPath $f -Destination $mount).Status | Should -Be 'Skipped'
    }

    It 'accepts Get-ChildItem output and New-HamletArchive-like objects' {
        $mount = Join-Path $script:work 'mounted2'
        New-Item -ItemType Directory -Path $mount | Out-Null
        $f = New-RandomFile 'gci.zip' 1000 7
        (Get-Item $f | Send-AzureShare -Destination $mount).Status | Should -Be 'Copied'
    }
}

Describe 'Send-AzureShare errors, configuration and the SMB route' {
    BeforeAll { $script:ledgers2 = Join-Path $script:work 'ledgers2' }

    It 'a missing share is a non-terminating ShareNotFound (ObjectNotFound)' {
        $f = New-RandomFile 'noshare.zip' 100 16
        Send-AzureShare $f -ConnectionString $script:cs -Share nosuchshare -LedgerPath $script:ledgers2 -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ShareNotFound,HamletPS.Commands.SendAzureShareCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'no credentials anywhere stops with NoStorageCredentials naming -ConnectionString' {
        $f = New-RandomFile 'nocred.zip' 100 17
        $saved = @{}
        foreach ($v in 'HAMLET_CONFIG', 'HAMLET_STORAGE_CONNECTION_STRING', 'HAMLET_STORAGE_SAS') { $saved[$v] = [Environment]::GetEnvironmentVariable($v); [Environment]::SetEnvironmentVariable($v, $null) }
        Push-Location -LiteralPath $script:work   # no config.yaml here
        try {
            $caught = $null
            try { Send-AzureShare $f -Share incoming } catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -Be 'NoStorageCredentials,HamletPS.Commands.SendAzureShareCommand'
            $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $caught.Exception.Message | Should -Match '-ConnectionString'
        }
        finally {
            Pop-Location
            foreach ($v in $saved.Keys) { [Environment]::SetEnvironmentVariable($v, $saved[$v]) }
        }
    }

    It 'the site configuration gives the account, share and directory (AZURE section)' -Skip:([bool]$env:HAMLET_TEST_FILES_CONNECTION_STRING) {
        # Needs the local endpoint's account key and URL (not available for an account given by connection string).
        $f = New-RandomFile 'fromconfig.zip' 2000 18
        $config = Join-Path $script:work 'azure-config.yaml'
        Set-Content -LiteralPath $config -Value ("APP:`n  SITE: testsite`nAZURE:`n  ACCOUNTNAME: devacct`n  SHARENAME: $($script:share)`n  DIRECTORY: from-config-$($script:dir)`n" +
            "  URL: $($script:files.Endpoint.ServiceUri)`n  KEY: $($script:files.Endpoint.AccountKey)`n")
        (Send-AzureShare $f -ConfigPath $config).Status | Should -Be 'Uploaded'
        (Get-AzureShareItem -ConnectionString $script:cs -Share $script:share -Directory "from-config-$($script:dir)").Name | Should -Contain 'fromconfig.zip'
    }

    It 'the SMB route refuses the HTTPS-only parameters and copies nothing' {
        $f = New-RandomFile 'smb-refuse.zip' 1000 19
        $mount = Join-Path $script:work 'mnt-refuse'
        New-Item -ItemType Directory -Path $mount | Out-Null
        $caught = $null
        try { Send-AzureShare -LiteralPath $f -Destination $mount -Share incoming -MaxParallelRanges 2 } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'ParameterNotValidWithDestination,HamletPS.Commands.SendAzureShareCommand'
        $caught.Exception.Message | Should -Match '-Share, -MaxParallelRanges'
        @(Get-ChildItem -LiteralPath $mount).Count | Should -Be 0
    }

    It 'the SMB route with -WhatIf copies nothing' {
        $f = New-RandomFile 'smb-whatif.zip' 1000 20
        $mount = Join-Path $script:work 'mnt-whatif'
        New-Item -ItemType Directory -Path $mount | Out-Null
        Send-AzureShare -LiteralPath $f -Destination $mount -WhatIf | Should -BeNullOrEmpty
        @(Get-ChildItem -LiteralPath $mount).Count | Should -Be 0
    }
}

Describe 'Get-AzureShareItem' {
    It 'lists recursively with Length and ContentMD5' {
        $f = New-RandomFile 'list.zip' 3000 8
        Send-AzureShare $f -ConnectionString $script:cs -Target "$($script:share)/$($script:dir)/sub" -Confirm:$false | Out-Null
        $items = Get-AzureShareItem -ConnectionString $script:cs -Share $script:share -Directory $script:dir -Recurse
        $item = $items | Where-Object Path -eq "$($script:dir)/sub/list.zip"
        $item.Length | Should -Be 3000
        $item.ContentMD5 | Should -Be (Get-Md5Base64 $f)
        ($items | Where-Object IsDirectory).Path | Should -Contain "$($script:dir)/sub"
    }
}

Describe 'Get-AzureShareItem one level, piped directories, errors' {
    BeforeAll {
        $script:top = "$($script:dir)-top"
        $a = New-RandomFile 'level-a.zip' 3000 21
        $b = New-RandomFile 'level-b.zip' 1000 22
        $script:bMd5 = Get-Md5Base64 $b
        Send-AzureShare $a -ConnectionString $script:cs -Target "$($script:share)/$($script:top)" -Confirm:$false | Out-Null
        Send-AzureShare $b -ConnectionString $script:cs -Target "$($script:share)/$($script:top)/sub" -Confirm:$false | Out-Null
    }

    It 'without -Recurse lists one level, and a piped directory item is listed by its path' {
        (Get-AzureShareItem -ConnectionString $script:cs -Share $script:share -Directory $script:top).Path | Sort-Object |
            Should -Be @("$($script:top)/level-a.zip", "$($script:top)/sub")
        $piped = Get-AzureShareItem -ConnectionString $script:cs -Share $script:share -Directory $script:top | Where-Object IsDirectory |
            Get-AzureShareItem -ConnectionString $script:cs -Share $script:share
        $piped.Path | Should -Be "$($script:top)/sub/level-b.zip"
        $piped.ContentMD5 | Should -Be $script:bMd5
    }

    It 'a wrong key is AuthenticationFailed without the key in any text' -Skip:([bool]$env:HAMLET_TEST_FILES_CONNECTION_STRING) {
        $wrong = [Convert]::ToBase64String([System.Security.Cryptography.SHA512]::HashData([Text.Encoding]::ASCII.GetBytes('not the account key')))
        $key = ConvertTo-SecureString $wrong -AsPlainText -Force
        Get-AzureShareItem -AccountName devacct -AccountKey $key -Endpoint $script:files.Endpoint.ServiceUri -Share $script:share -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,HamletPS.Commands.GetAzureShareItemCommand'
        "$($err[0])" + $err[0].Exception.ToString() | Should -Not -Match ([regex]::Escape($wrong))
    }

    It 'a missing share is ShareNotFound' {
        Get-AzureShareItem -ConnectionString $script:cs -Share nothing-here -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'ShareNotFound,HamletPS.Commands.GetAzureShareItemCommand'
    }
}

Describe 'Test-HamletShareConnection' {
    It 'reports an open port as reachable and suggests Send-AzureShare when 445 is closed' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $port = $listener.LocalEndpoint.Port
            $r = Test-HamletShareConnection -ComputerName 127.0.0.1 -Port 445, $port -TimeoutSeconds 3
            ($r.Ports | Where-Object Port -eq $port).Reachable | Should -BeTrue
            if (-not $r.SmbReachable) { $r.Message | Should -Match 'Send-AzureShare' }
        }
        finally { $listener.Stop() }
    }
}

Describe 'Test-HamletShareConnection from the pipeline' {
    It 'binds ComputerName by property name, and a host that never resolves is an answer, not an error' {
        # A name under .invalid never resolves (RFC 2606).
        $r = [pscustomobject]@{ ComputerName = 'hamletrt.invalid' } | Test-HamletShareConnection -TimeoutSeconds 2 -ErrorVariable errs
        $errs | Should -BeNullOrEmpty
        $r.Host | Should -Be 'hamletrt.invalid'
        $r.SmbReachable | Should -BeFalse
        $r.HttpsReachable | Should -BeFalse
    }
}

Describe 'Mount-HamletShare' {
    It 'is a function of the module with -WhatIf' {
        $c = Get-Command Mount-HamletShare
        $c.CommandType | Should -Be 'Function'
        $c.ModuleName | Should -Be 'HamletPS'
        $c.Parameters.Keys | Should -Contain 'WhatIf'
        (Get-Help Mount-HamletShare).Synopsis | Should -Match 'SMB'
    }

    It 'refuses with Port445Blocked and suggests the HTTPS route when the port is closed' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $closed = $listener.LocalEndpoint.Port; $listener.Stop()
        Mount-HamletShare hamletrttest incoming -ComputerName 127.0.0.1 -Port $closed -WhatIf -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Match '^Port445Blocked'
        $err[0].Exception.Message | Should -Match 'Send-AzureShare'
    }

    It 'prints the commands with -WhatIf, never the key' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $key = ConvertTo-SecureString 'bm90LWEtcmVhbC1rZXktMDEyMzQ1Njc4OQ==' -AsPlainText -Force
            $r = Mount-HamletShare hamletrttest incoming -ComputerName 127.0.0.1 -Port $listener.LocalEndpoint.Port -AccountKey $key -MountPoint (Join-Path $script:work 'mnt') -DriveLetter Q -WhatIf
            $r.Status | Should -Be 'WhatIf'
            $r.Commands -join "`n" | Should -Not -Match 'bm90LWEtcmVhbC1rZXkt'
            if ($IsLinux -or $IsMacOS) { $r.Commands[-1] | Should -Match "^mount -t cifs '//127.0.0.1/incoming'" }
            else { $r.Commands[-1] | Should -Match '^New-PSDrive -Name Q' }
        }
        finally { $listener.Stop() }
    }
}
