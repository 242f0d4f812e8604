#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Test-HamletService (the site's heartbeat) as a user and a monitoring system run it, against real peers: dcmtk's storescp as
# the PACS, our own Receive-Dicom (a runspace of this process) as DICOMNODE, and the local Azure Files endpoint as the share.
# The storescp tests are skipped when dcmtk is not on PATH (tests/run.sh installs it).
# Run: Invoke-Pester -Path tests/Pester/Heartbeat.Tests.ps1 -Output Detailed

BeforeDiscovery {
    $script:hasStorescp = [bool](Get-Command storescp -ErrorAction SilentlyContinue)
}

BeforeAll {
    $version = ([xml](Get-Content (Join-Path $PSScriptRoot '../../Directory.Build.props'))).Project.PropertyGroup.HamletVersion | Where-Object { $_ } | Select-Object -First 1
    $script:manifest = (Resolve-Path (Join-Path $PSScriptRoot "../../out/HamletPS/$version/HamletPS.psd1")).Path
    Import-Module $script:manifest -Force -ErrorAction Stop
    . (Join-Path $PSScriptRoot 'Support/TestFilesEndpoint.ps1')
    $script:files = Start-TestFilesEndpoint
    $script:work = Join-Path ([System.IO.Path]::GetTempPath()) ('pester-heartbeat-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path (Join-Path $script:work 'incoming') -Force | Out-Null

    function Get-FreePort {
        $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $l.Start(); $port = $l.LocalEndpoint.Port; $l.Stop(); $port
    }
    function Wait-Port([int] $Port) {
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        while ([DateTime]::UtcNow -lt $deadline) {
            try { $c = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $Port); $c.Dispose(); return } catch { Start-Sleep -Milliseconds 50 }
        }
        throw "nothing listens on port $Port"
    }
    # A site configuration in its own folder naming these peers ($null leaves the section out).
    function New-HeartbeatConfig([string] $Name, [int] $ReceiverPort, $PacsPort, [string] $ConnectionString) {
        $yaml = "APP:`n  SITE: testsite`n  USER: hx`nDATAPATH:`n  INCOMING: $(Join-Path $script:work 'incoming')`n" +
                "DICOMNODE:`n  AET: HAMLETPS`n  PORT: $ReceiverPort`n"
        if ($null -ne $PacsPort) { $yaml += "PACS:`n  AET: PACSSCP`n  HOST: 127.0.0.1`n  PORT: $PacsPort`n" }
        if ($ConnectionString) { $yaml += "AZURE:`n  CONNECTIONSTRING: `"$ConnectionString`"`n  SHARENAME: $($script:files.Share)`n" }
        $path = Join-Path $script:work "$Name.yaml"
        Set-Content -LiteralPath $path -Value $yaml
        $path
    }

    # Our own receiver, in a runspace of its own, for the whole file.
    $script:receiverPort = Get-FreePort
    $script:receiver = [powershell]::Create()
    $null = $script:receiver.AddScript('param($m, $f, $p) Import-Module $m; Receive-Dicom -Path $f -Port $p -AETitle HAMLETPS -Confirm:$false').
        AddArgument($script:manifest).AddArgument((Join-Path $script:work 'incoming')).AddArgument($script:receiverPort)
    $null = $script:receiver.BeginInvoke()
    Wait-Port $script:receiverPort
    # storescp as the PACS (it answers C-ECHO as any AE title).
    if (Get-Command storescp -ErrorAction SilentlyContinue) {
        $script:pacsPort = Get-FreePort
        New-Item -ItemType Directory -Path (Join-Path $script:work 'pacs') | Out-Null
        $script:pacs = Start-Process storescp -ArgumentList '-aet', 'PACSSCP', '-od', (Join-Path $script:work 'pacs'), $script:pacsPort -PassThru
        Wait-Port $script:pacsPort
    }
    $script:wrongKey = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=='
    $script:wrongConnection = $script:files.ConnectionString -replace 'AccountKey=[^;]+', "AccountKey=$script:wrongKey"
}

AfterAll {
    if ($script:pacs) { Stop-Process -Id $script:pacs.Id -Force -ErrorAction SilentlyContinue }
    if ($script:receiver) { $script:receiver.Stop(); $script:receiver.Dispose() }
    Stop-TestFilesEndpoint $script:files
    Remove-Item -LiteralPath $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Test-HamletService against storescp, Receive-Dicom and the share' -Skip:(-not $script:hasStorescp) {
    It 'returns one passed result per check, in order, each with its target and latency; -Quiet is $true' {
        $config = New-HeartbeatConfig 'all' $script:receiverPort $script:pacsPort $script:files.ConnectionString
        $results = @(Test-HamletService -ConfigPath $config -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        $results.Name | Should -Be @('Pacs', 'Receiver', 'Incoming', 'Share')
        $results | ForEach-Object { $_.Status | Should -Be 'Passed'; $_.Ok | Should -BeTrue; $_.LatencyMilliseconds | Should -BeGreaterThan 0; $_.Reason | Should -BeNullOrEmpty }
        $results[0].Target | Should -Be "PACSSCP@127.0.0.1:$script:pacsPort"
        $results[1].Target | Should -Be "HAMLETPS@127.0.0.1:$script:receiverPort"
        $results[3].Target | Should -BeLike "*/$($script:files.Share)"
        Test-HamletService -ConfigPath $config -Quiet | Should -BeExactly $true
        @(Get-ChildItem -LiteralPath (Join-Path $script:work 'incoming') -Force).Count | Should -Be 0 -Because 'the probe file is removed'
    }

    It 'a PACS that is down: Pacs fails with a DicomEchoFailed error naming it, the other checks pass, -Quiet is $false' {
        $down = Get-FreePort
        $config = New-HeartbeatConfig 'pacsdown' $script:receiverPort $down $script:files.ConnectionString
        $results = @(Test-HamletService -ConfigPath $config -TimeoutSeconds 5 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 4
        $results[0].Status | Should -Be 'Failed'
        $results[0].ErrorId | Should -Be 'DicomEchoFailed'
        $results[0].Reason | Should -Match ([regex]::Escape("PACSSCP@127.0.0.1:$down"))
        @($results | Where-Object Ok).Count | Should -Be 3
        @($errs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'DicomEchoFailed,HamletPS.Commands.TestHamletServiceCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $errs[0].TargetObject | Should -Be "PACSSCP@127.0.0.1:$down"
        Test-HamletService -ConfigPath $config -TimeoutSeconds 5 -Quiet -ErrorVariable quietErrs | Should -BeExactly $false
        $quietErrs | Should -BeNullOrEmpty
    }
}

Describe 'Test-HamletService' {
    It 'a wrong share key: Share fails with AuthenticationFailed naming the account, and the key is shown nowhere' {
        $config = New-HeartbeatConfig 'wrongkey' $script:receiverPort $null $script:wrongConnection
        $results = @(Test-HamletService -ConfigPath $config -ErrorVariable errs -ErrorAction SilentlyContinue)
        $results.Name | Should -Be @('Pacs', 'Receiver', 'Incoming', 'Share')
        $results[0].Status | Should -Be 'Skipped' -Because 'no PACS section: nothing to check, no failure'
        $results[3].Status | Should -Be 'Failed'
        $errs[0].FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,HamletPS.Commands.TestHamletServiceCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $errs[0].Exception.Message | Should -Match "storage account '[^']+'"
        ($results | Out-String) + ($errs | Out-String) | Should -Not -Match ([regex]::Escape($script:wrongKey))
    }

    It 'binds Get-HamletConfig''s SourcePath and runs only the checks named in -Check' {
        $config = New-HeartbeatConfig 'bind' $script:receiverPort $null $null
        $results = @(Get-HamletConfig -ConfigPath $config | Test-HamletService -Check Receiver, Incoming)
        $results.Name | Should -Be @('Receiver', 'Incoming')
        $results.Ok | Should -Be @($true, $true)
    }

    It 'a check named but not configured stops the command with ConfigurationMissing before any check runs' {
        $config = New-HeartbeatConfig 'missing' $script:receiverPort $null $null
        { Test-HamletService -ConfigPath $config -Check Pacs -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConfigurationMissing,HamletPS.Commands.TestHamletServiceCommand'
        { Test-HamletService -ConfigPath (Join-Path $script:work 'nope.yaml') } | Should -Throw -ErrorId 'ConfigNotFound,HamletPS.Commands.TestHamletServiceCommand'
    }

    It 'the documented monitoring command exits 0 when all is well, 1 when a check failed, 2 for a bad configuration' {
        $ok = New-HeartbeatConfig 'exit0' $script:receiverPort $null $null
        $failing = New-HeartbeatConfig 'exit1' (Get-FreePort) $null $null
        # This PowerShell's executable (as build.ps1 finds it): $PSHOME/pwsh, else the process.
        $pwsh = @('pwsh', 'pwsh.exe') | ForEach-Object { Join-Path $PSHOME $_ } | Where-Object { Test-Path -LiteralPath $_ -PathType Leaf } | Select-Object -First 1
        if (-not $pwsh) { $pwsh = (Get-Process -Id $PID).Path }
        $probe = 'param($c) Import-Module ''{0}''; try {{ if (Test-HamletService -ConfigPath $c -Quiet -ErrorAction Stop) {{ exit 0 }} else {{ exit 1 }} }} catch {{ exit 2 }}' -f $script:manifest
        $script = Join-Path $script:work 'probe.ps1'
        Set-Content -LiteralPath $script -Value $probe
        $codes = foreach ($c in $ok, $failing, (Join-Path $script:work 'nope.yaml')) {
            & $pwsh -NoProfile -NonInteractive -File $script $c | Out-Null
            $LASTEXITCODE
        }
        $codes | Should -Be @(0, 1, 2)
    }
}
