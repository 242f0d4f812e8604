#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Receive-Dicom, Send-Dicom and Test-DicomEcho as a user runs them (the xunit Commands/*Tests.cs keep storescp and TLS), for sites and
# Windows CI (Windows PowerShell 5.1 and pwsh). Data: the checked-in synthetic sample (examples/data/incoming). The receiver
# runs in a second runspace of this process; the dcmtk tests (storescu, storescp, echoscu) are skipped when dcmtk is not on PATH.
# Run: Invoke-Pester -Path tests/Pester/Network.Tests.ps1 -Output Detailed

BeforeDiscovery {
    $hasDcmtk = [bool](Get-Command storescu -ErrorAction SilentlyContinue)
}

BeforeAll {
    $version = ([xml](Get-Content (Join-Path $PSScriptRoot '../../Directory.Build.props'))).Project.PropertyGroup.HamletVersion | Where-Object { $_ } | Select-Object -First 1
    $script:manifest = (Resolve-Path (Join-Path $PSScriptRoot "../../out/HamletPS/$version/HamletPS.psd1")).Path
    Import-Module $script:manifest -Force -ErrorAction Stop
    $script:sample = (Resolve-Path (Join-Path $PSScriptRoot '../../examples/data/incoming/export-01')).Path
    $script:sampleFiles = @(Get-ChildItem -LiteralPath $script:sample -Recurse -File)
    $script:work = Join-Path ([System.IO.Path]::GetTempPath()) ('pester-net-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:work | Out-Null

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
    # Receive-Dicom in a runspace of its own; returns the PowerShell instance and its output collection.
    function Start-Receiver([string] $Folder, [int] $Port, [int] $Count = 0) {
        $ps = [powershell]::Create()
        $null = $ps.AddScript('param($m, $f, $p, $n) Import-Module $m; if ($n) { Receive-Dicom -Path $f -Port $p -Count $n -Confirm:$false } else { Receive-Dicom -Path $f -Port $p -Confirm:$false }')
        $null = $ps.AddArgument($script:manifest).AddArgument($Folder).AddArgument($Port).AddArgument($Count)
        $out = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $in = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $in.Complete()
        $null = $ps.BeginInvoke($in, $out)
        Wait-Port $Port
        [pscustomobject]@{ PowerShell = $ps; Output = $out }
    }
    function Stop-Receiver($Receiver) {
        if ($Receiver.PowerShell.InvocationStateInfo.State -eq 'Running') { $Receiver.PowerShell.Stop() }
        $Receiver.PowerShell.Dispose()
    }
}

AfterAll {
    Remove-Item -LiteralPath $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Test-DicomEcho' {
    It 'returns a failure and a DicomEchoFailed error naming the peer when nothing listens' {
        $port = Get-FreePort
        $result = Test-DicomEcho -ComputerName 127.0.0.1 -Port $port -TimeoutSeconds 5 -ErrorVariable err -ErrorAction SilentlyContinue
        $result.Success | Should -BeFalse
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'DicomEchoFailed,HamletPS.Commands.TestDicomEchoCommand'
        $err[0].TargetObject | Should -Be "ANY-SCP@127.0.0.1:$port"
        Test-DicomEcho 127.0.0.1 $port -TimeoutSeconds 5 -Quiet | Should -BeFalse
    }

    It 'succeeds against Receive-Dicom, and an unknown called AE title is rejected' {
        $port = Get-FreePort
        $rx = Start-Receiver (Join-Path $script:work 'echo-in') $port
        try {
            $ok = Test-DicomEcho -ComputerName 127.0.0.1 -Port $port -CalledAETitle HAMLETPS
            $ok.Success | Should -BeTrue
            $ok.RoundTripMilliseconds | Should -BeGreaterThan 0
            (Test-DicomEcho 127.0.0.1 $port -CalledAETitle SOMEONE -ErrorAction SilentlyContinue).Error | Should -Match 'called AE title'
        }
        finally { Stop-Receiver $rx }
    }

    It 'answers echoscu' -Skip:(-not [bool](Get-Command echoscu -ErrorAction SilentlyContinue)) {
        $port = Get-FreePort
        $rx = Start-Receiver (Join-Path $script:work 'echoscu-in') $port
        try {
            & echoscu -aec HAMLETPS 127.0.0.1 $port
            $LASTEXITCODE | Should -Be 0
        }
        finally { Stop-Receiver $rx }
    }
}

Describe 'Receive-Dicom admission' {
    It 'closes connections from outside -AllowedPeerAddress before any association' {
        $port = Get-FreePort
        $ps = [powershell]::Create()
        $null = $ps.AddScript('param($m, $f, $p) Import-Module $m; Receive-Dicom -Path $f -Port $p -AllowedPeerAddress 192.0.2.0/24 -Confirm:$false')
        $null = $ps.AddArgument($script:manifest).AddArgument((Join-Path $script:work 'allow-in')).AddArgument($port)
        $out = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $in = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $in.Complete()
        $null = $ps.BeginInvoke($in, $out)
        try {
            Wait-Port $port
            (Test-DicomEcho 127.0.0.1 $port -CalledAETitle HAMLETPS -TimeoutSeconds 5 -ErrorAction SilentlyContinue).Success | Should -BeFalse
        }
        finally { Stop-Receiver ([pscustomobject]@{ PowerShell = $ps; Output = $out }) }
    }

    It 'listens only on -ListenAddress (127.0.0.2): 127.0.0.1 is refused' {
        $port = Get-FreePort
        $ps = [powershell]::Create()
        $null = $ps.AddScript('param($m, $f, $p) Import-Module $m; Receive-Dicom -Path $f -Port $p -ListenAddress 127.0.0.2 -Confirm:$false')
        $null = $ps.AddArgument($script:manifest).AddArgument((Join-Path $script:work 'listen-in')).AddArgument($port)
        $out = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $in = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $in.Complete()
        $null = $ps.BeginInvoke($in, $out)
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(15)
            do { $echo = Test-DicomEcho 127.0.0.2 $port -CalledAETitle HAMLETPS -TimeoutSeconds 2 -ErrorAction SilentlyContinue }
            until ($echo.Success -or [DateTime]::UtcNow -gt $deadline)
            $echo.Success | Should -BeTrue
            $client = [System.Net.Sockets.TcpClient]::new()
            try {
                { $client.Connect('127.0.0.1', $port) } | Should -Throw
            }
            finally { $client.Dispose() }
        }
        finally { Stop-Receiver ([pscustomobject]@{ PowerShell = $ps; Output = $out }) }
    }

    It 'a -ListenAddress that is not an address is a terminating InvalidDicomNetworkSetting error naming it' {
        $caught = $null
        try { Receive-Dicom -Path (Join-Path $script:work 'bad-listen') -Port (Get-FreePort) -ListenAddress receiver.local -Confirm:$false -ErrorAction Stop }
        catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'InvalidDicomNetworkSetting,HamletPS.Commands.ReceiveDicomCommand'
        $caught.Exception.Message | Should -BeLike '*receiver.local*'
    }
}

Describe 'Receive-Dicom and Send-Dicom' {
    It 'Send-Dicom into Receive-Dicom -Count: every file arrives, one object each as it lands' {
        $port = Get-FreePort
        $folder = Join-Path $script:work 'loop-in'
        $rx = Start-Receiver $folder $port $script:sampleFiles.Count
        try {
            $sent = Send-Dicom -Path $script:sample -Recurse -ComputerName 127.0.0.1 -Port $port -CalledAETitle HAMLETPS -Confirm:$false
            @($sent).Count | Should -Be $script:sampleFiles.Count
            $sent | ForEach-Object { $_.Status | Should -Be '0000' }
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while ($rx.PowerShell.InvocationStateInfo.State -eq 'Running' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $rx.PowerShell.InvocationStateInfo.State | Should -Be 'Completed'
            $rx.Output.Count | Should -Be $script:sampleFiles.Count
            foreach ($f in $rx.Output) {
                Test-Path -LiteralPath $f.Path | Should -BeTrue
                [System.IO.Path]::GetFileName($f.Path) | Should -Be ($f.SOPInstanceUID + '.dcm')
            }
            @(Get-ChildItem -LiteralPath $folder -Force -Filter '*.partial').Count | Should -Be 0
            # Element values: Get-DicomFile reads the same identifiers from both sides.
            $before = Get-DicomFile -Path $script:sample -Recurse | Sort-Object SOPInstanceUID
            $after = Get-DicomFile -Path $folder | Sort-Object SOPInstanceUID
            ($after | ForEach-Object { "$($_.SOPInstanceUID)|$($_.StudyInstanceUID)|$($_.PatientID)|$($_.Modality)" }) |
                Should -Be ($before | ForEach-Object { "$($_.SOPInstanceUID)|$($_.StudyInstanceUID)|$($_.PatientID)|$($_.Modality)" })
        }
        finally { Stop-Receiver $rx }
    }

    It 'stops cleanly on Stop() (Ctrl-C) and leaves no partial file' {
        $port = Get-FreePort
        $folder = Join-Path $script:work 'stop-in'
        $rx = Start-Receiver $folder $port
        $null = Send-Dicom -Path $script:sample -Recurse -ComputerName 127.0.0.1 -Port $port -CalledAETitle HAMLETPS -Confirm:$false
        $rx.PowerShell.Stop()
        $rx.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
        @(Get-ChildItem -LiteralPath $folder -Filter '*.dcm').Count | Should -Be $script:sampleFiles.Count
        @(Get-ChildItem -LiteralPath $folder -Force -Filter '*.partial').Count | Should -Be 0
        $rx.PowerShell.Dispose()
    }

    It 'receives from storescu' -Skip:(-not $hasDcmtk) {
        $port = Get-FreePort
        $folder = Join-Path $script:work 'storescu-in'
        $rx = Start-Receiver $folder $port $script:sampleFiles.Count
        try {
            & storescu -aec HAMLETPS 127.0.0.1 $port ($script:sampleFiles | ForEach-Object FullName)
            $LASTEXITCODE | Should -Be 0
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while ($rx.PowerShell.InvocationStateInfo.State -eq 'Running' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $rx.Output.Count | Should -Be $script:sampleFiles.Count
        }
        finally { Stop-Receiver $rx }
    }

    It 'Receive-Dicom piped into Get-DicomFile reads each file as it lands (storescu sends)' -Skip:(-not $hasDcmtk) {
        $port = Get-FreePort
        $folder = Join-Path $script:work 'piped-in'
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($m, $f, $p, $n) Import-Module $m; Receive-Dicom -Path $f -Port $p -Count $n -Confirm:$false | Get-DicomFile').
                AddArgument($script:manifest).AddArgument($folder).AddArgument($port).AddArgument($script:sampleFiles.Count)
            $handle = $ps.BeginInvoke()
            Wait-Port $port
            & storescu -aec HAMLETPS 127.0.0.1 $port ($script:sampleFiles | ForEach-Object FullName)
            $LASTEXITCODE | Should -Be 0
            $out = $ps.EndInvoke($handle)
            $ps.Streams.Error | Should -BeNullOrEmpty
            $out | ForEach-Object { $_.GetType().FullName | Should -Be 'HamletPS.Core.Inspection.DicomFileSummary' }
            @($out.SOPInstanceUID | Sort-Object) | Should -Be @((Get-DicomFile -Path $script:sample -Recurse).SOPInstanceUID | Sort-Object)
            $out.Modality | Should -Contain 'RTDOSE'
        }
        finally { $ps.Dispose() }
    }

    It 'Receive-Dicom -WhatIf neither listens nor creates the folder' {
        $port = Get-FreePort
        $folder = Join-Path $script:work 'whatif-rx'
        Receive-Dicom -Path $folder -Port $port -WhatIf | Should -BeNullOrEmpty
        Test-Path -LiteralPath $folder | Should -BeFalse
        { $c = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $port); $c.Dispose() } | Should -Throw
    }

    It 'Receive-Dicom with a missing configuration file stops with ConfigNotFound (ObjectNotFound)' {
        $caught = $null
        try { Receive-Dicom -ConfigPath (Join-Path $script:work 'nope.yaml') } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'ConfigNotFound,HamletPS.Commands.ReceiveDicomCommand'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'Receive-Dicom on a port in use stops with PortUnavailable naming the port' {
        $blocker = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Any, 0)
        $blocker.Start()
        try {
            $port = $blocker.LocalEndpoint.Port
            $caught = $null
            $out = try { Receive-Dicom -Path (Join-Path $script:work 'busy-in') -Port $port } catch { $caught = $_ }
            $out | Should -BeNullOrEmpty
            $caught.FullyQualifiedErrorId | Should -Be 'PortUnavailable,HamletPS.Commands.ReceiveDicomCommand'
            $caught.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
            $caught.TargetObject | Should -Be $port
        }
        finally { $blocker.Stop() }
    }

    It 'Send-Dicom -WhatIf sends nothing' {
        $port = Get-FreePort
        $folder = Join-Path $script:work 'whatif-in'
        $rx = Start-Receiver $folder $port
        try {
            Send-Dicom -Path $script:sample -Recurse -ComputerName 127.0.0.1 -Port $port -CalledAETitle HAMLETPS -WhatIf | Should -BeNullOrEmpty
            @(Get-ChildItem -LiteralPath $folder -Filter '*.dcm').Count | Should -Be 0
        }
        finally { Stop-Receiver $rx }
    }

    It 'Send-Dicom to a closed port writes one DicomSendFailed error naming the peer' {
        $port = Get-FreePort
        $out = Send-Dicom -Path $script:sample -Recurse -ComputerName 127.0.0.1 -Port $port -TimeoutSeconds 5 -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'DicomSendFailed,HamletPS.Commands.SendDicomCommand'
        $err[0].TargetObject | Should -Be "ANY-SCP@127.0.0.1:$port"
    }
}
