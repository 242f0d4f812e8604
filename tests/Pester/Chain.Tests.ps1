#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Protect-DicomPatient as a user runs it, and Ctrl-C (Stop()) of the whole chain Receive-Dicom | Invoke-DicomSort |
# Protect-DicomPatient | New-HamletArchive | Send-AzureShare, for sites and CI (pwsh; Windows PowerShell 5.1). The chain's
# end-to-end run from storescu to the share, checked with azure-cli, unzip and pydicom, is in
# tests/HamletPS.PowerShell.Tests/Chain/WholeChainTests.cs.
# Needs: the bundled sample (examples/data/incoming) and the local Azure Files endpoint (Support/TestFilesEndpoint.ps1; or
# $env:HAMLET_TEST_FILES_CONNECTION_STRING and $env:HAMLET_TEST_FILES_SHARE for a real account).
# Run: Invoke-Pester -Path tests/Pester/Chain.Tests.ps1 -Output Detailed

BeforeAll {
    $version = ([xml](Get-Content (Join-Path $PSScriptRoot '../../Directory.Build.props'))).Project.PropertyGroup.HamletVersion | Where-Object { $_ } | Select-Object -First 1
    Import-Module (Join-Path $PSScriptRoot "../../out/HamletPS/$version/HamletPS.psd1") -Force -ErrorAction Stop
    $script:sample = Join-Path $PSScriptRoot '../../examples/data/incoming'
    . (Join-Path $PSScriptRoot 'Support/TestFilesEndpoint.ps1')
    $script:files = Start-TestFilesEndpoint
    $script:share = $script:files.Share
    $script:key = ConvertTo-SecureString 'Synthetic0Test1Site2Key3ABCDEFGH' -AsPlainText -Force

    function New-ChainSite {
        $root = Join-Path ([System.IO.Path]::GetTempPath()) ('hamlet-pester-chain-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $root | Out-Null
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $config = Join-Path $root 'config.yaml'
        Set-Content -LiteralPath $config -Encoding UTF8 -Value @"
APP:
  SITE: chainsite
  USER: t1
DATAPATH:
  INCOMING: incoming/
  SORTED: sorted/
  OUTGOING: outgoing/
DICOMNODE:
  AET: HAMLETCHAIN
  PORT: $port
CIPHER:
  FOLDERKEY: Chain0Test1Key2ForSynthetic3Data
"@
        [pscustomobject]@{ Root = $root; Config = $config; Port = $port; Directory = 'pester-' + [guid]::NewGuid().ToString('N') }
    }

    function Start-Chain([object] $Site, [int] $Count, [string] $WhatIfFrom = '') {
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
            param($manifest, $site, $count, $cs, $share)
            Import-Module $manifest
            Receive-Dicom -ConfigPath $site.Config -Count $count |
                Invoke-DicomSort -ConfigPath $site.Config -SettleSeconds 0 |
                Protect-DicomPatient -ConfigPath $site.Config -VaultPath (Join-Path $site.Root 'vault') |
                New-HamletArchive -ConfigPath $site.Config -Verify |
                Send-AzureShare -ConnectionString $cs -Share $share -Directory $site.Directory -LedgerPath (Join-Path $site.Root 'ledgers') -Confirm:$false
        }).AddArgument((Get-Module HamletPS).Path.Replace('.dll', '.psd1')).AddArgument($Site).AddArgument($Count).AddArgument($script:files.ConnectionString).AddArgument($script:share)
        $handle = $ps.BeginInvoke()
        # The chain must be running and listening before a test goes on: a chain that failed to start (a binding error, such
        # as a null -ConnectionString) ends at once as Completed, and a Stop() after that proves nothing.
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        $listening = $false
        while (-not $listening -and [DateTime]::UtcNow -lt $deadline -and $ps.InvocationStateInfo.State -eq 'Running') {
            try { $c = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $Site.Port); $c.Dispose(); $listening = $true } catch { Start-Sleep -Milliseconds 100 }
        }
        if (-not $listening) {
            $errors = ($ps.Streams.Error | ForEach-Object { $_.FullyQualifiedErrorId + ': ' + $_ }) -join '; '
            throw "the chain did not start listening on port $($Site.Port) (state $($ps.InvocationStateInfo.State)): $errors"
        }
        [pscustomobject]@{ PowerShell = $ps; Handle = $handle }
    }
}

AfterAll {
    Stop-TestFilesEndpoint $script:files
}

Describe 'Protect-DicomPatient' {
    It 'protects the sample study and leaves no patient ID in any output file name' {
        $out = Join-Path ([System.IO.Path]::GetTempPath()) ('hamlet-pester-protect-' + [guid]::NewGuid().ToString('N'))
        try {
            $before = Get-DicomFile -Path $script:sample -Recurse
            $results = Protect-DicomPatient -Path $script:sample -Destination (Join-Path $out 'p') -VaultPath (Join-Path $out 'v') -Key $script:key -Profile basic
            $results | ForEach-Object { $_.Status.ToString() } | Should -Not -Contain 'Failed'
            $names = (Get-ChildItem (Join-Path $out 'p') -Recurse).FullName -join "`n"
            foreach ($id in ($before.PatientID | Sort-Object -Unique)) { $names | Should -Not -Match ([regex]::Escape($id)) }
        }
        finally { Remove-Item -LiteralPath $out -Recurse -Force -ErrorAction SilentlyContinue }
    }

    It '-WhatIf writes nothing' {
        $out = Join-Path ([System.IO.Path]::GetTempPath()) ('hamlet-pester-protect-' + [guid]::NewGuid().ToString('N'))
        Protect-DicomPatient -Path $script:sample -Destination (Join-Path $out 'p') -VaultPath (Join-Path $out 'v') -Key $script:key -WhatIf | Out-Null
        Test-Path -LiteralPath $out | Should -BeFalse
    }
}

Describe 'Whole chain' {
    It 'Stop() during the receive ends the chain cleanly: no archive, the port is free' {
        $site = New-ChainSite
        try {
            $chain = Start-Chain -Site $site -Count 1000
            Start-Sleep -Milliseconds 500
            $chain.PowerShell.InvocationStateInfo.State | Should -Be 'Running'
            $chain.PowerShell.Stop()
            $chain.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
            Test-Path (Join-Path $site.Root 'outgoing/*.zip') | Should -BeFalse
            { $c = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $site.Port); $c.Dispose() } | Should -Throw
        }
        finally { Remove-Item -LiteralPath $site.Root -Recurse -Force -ErrorAction SilentlyContinue }
    }
}
