#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Get-HamletInventory as a user runs it: the sample site processed by Invoke-HamletPipeline (journal, archive, re-identification
# record), the sample's two patients in dcmtk's dcmqrscp, and the lookup table piped from Import-Csv. The engine's cases (partial
# sends, a series that grows in the PACS) are tested in xunit (InventoryVerbTests). Skipped when dcmqrscp is not on PATH
# (tests/run.sh installs dcmtk).
# Run: Invoke-Pester -Path tests/Pester/Inventory.Tests.ps1 -Output Detailed

BeforeDiscovery {
    $script:hasDcmqrscp = [bool](Get-Command dcmqrscp -ErrorAction SilentlyContinue)
}

BeforeAll {
    $repo = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $version = ([xml](Get-Content (Join-Path $repo 'Directory.Build.props'))).Project.PropertyGroup.HamletVersion | Where-Object { $_ } | Select-Object -First 1
    Import-Module (Join-Path $repo "out/HamletPS/$version/HamletPS.psd1") -Force -ErrorAction Stop
    $examples = Join-Path $repo 'examples'
    $script:site = Join-Path $TestDrive 'site'
    New-Item -ItemType Directory -Path (Join-Path $script:site 'data') -Force | Out-Null
    Copy-Item -LiteralPath (Join-Path $examples 'config.yaml'), (Join-Path $examples 'mapping.csv') -Destination $script:site
    Copy-Item -LiteralPath (Join-Path $examples 'data/incoming') -Destination (Join-Path $script:site 'data') -Recurse
    $script:config = Join-Path $script:site 'config.yaml'
    $script:mapping = Join-Path $script:site 'mapping.csv'
    $script:row = Import-Csv -LiteralPath $script:mapping | Select-Object -First 1
    $files = @(Get-ChildItem -LiteralPath (Join-Path $examples 'data/incoming') -Recurse -File)
    $script:mappedCount = @(Get-ChildItem -LiteralPath (Join-Path $examples 'data/incoming/export-01') -Recurse -File).Count

    if (Get-Command dcmqrscp -ErrorAction SilentlyContinue) {
        Invoke-HamletPipeline -ConfigPath $script:config -SettleSeconds 0 | Out-Null
        $db = Join-Path $TestDrive 'db'
        New-Item -ItemType Directory -Path $db | Out-Null
        $i = 0
        $copies = foreach ($f in $files) { $t = Join-Path $db "f$i.dcm"; Copy-Item -LiteralPath $f.FullName $t; $t; $i++ }
        & dcmqridx $db @copies
        $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0); $l.Start(); $script:port = $l.LocalEndpoint.Port; $l.Stop()
        $cfg = Join-Path $TestDrive 'dcmqrscp.cfg'
        @("NetworkTCPPort = $script:port", 'MaxPDUSize = 16384', 'MaxAssociations = 16', 'HostTable BEGIN', 'HostTable END',
          'VendorTable BEGIN', 'VendorTable END', 'AETable BEGIN', "QRSCP `"$db`" RW (500, 1024mb) ANY", 'AETable END') | Set-Content $cfg
        $script:pacs = Start-Process dcmqrscp -ArgumentList '-c', $cfg, $script:port -PassThru
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        while ([DateTime]::UtcNow -lt $deadline) { try { ([System.Net.Sockets.TcpClient]::new('127.0.0.1', $script:port)).Dispose(); break } catch { Start-Sleep -Milliseconds 50 } }
    }
}

AfterAll {
    if ($script:pacs) { Stop-Process -Id $script:pacs.Id -Force -ErrorAction SilentlyContinue }
}

Describe 'Get-HamletInventory against dcmqrscp after Invoke-HamletPipeline' -Skip:(-not $script:hasDcmqrscp) {
    It 'binds the rows of mapping.csv, says Sent for the processed study, and Export-Csv writes what Import-Csv reads back' {
        $rows = @(Import-Csv -LiteralPath $script:mapping |
            Get-HamletInventory -ConfigPath $script:config -ComputerName 127.0.0.1 -Port $script:port -CalledAETitle QRSCP -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        $rows.Count | Should -Be 1
        $rows[0].GetType().FullName | Should -Be 'HamletPS.Core.Inventory.InventoryStudy'
        $rows[0].Status | Should -Be 'Sent'
        $rows[0].StudyId | Should -Be $script:row.Study_ID
        $rows[0].SentInstances | Should -Be $script:mappedCount

        $csv = Join-Path $TestDrive 'site-only/inventory.csv'
        New-Item -ItemType Directory -Path (Split-Path $csv) -Force | Out-Null
        Import-Csv -LiteralPath $script:mapping |
            Get-HamletInventory -ConfigPath $script:config -ComputerName 127.0.0.1 -Port $script:port -CalledAETitle QRSCP |
            Export-Csv -LiteralPath $csv -NoTypeInformation
        $back = @(Import-Csv -LiteralPath $csv)
        $back.Count | Should -Be 1
        $back[0].Status | Should -Be 'Sent'
        $back[0].PatientID | Should -Be $script:row.MRN
        [int]$back[0].NotSentInstances | Should -Be 0
        ($back[0].PSObject.Properties.Name -join ',') | Should -Be 'PatientID,AccessionNumber,StudyId,StudyInstanceUID,StudyDate,StudyDescription,Modalities,Status,Series,Instances,SentInstances,NotSentInstances,SentSeries,ChangedSeries,NotSentSeries,LastSentUtc'
    }

    It 'takes the PACS from the PACS section and the patients from the lookup table when none are named' {
        $withPacs = Join-Path $script:site 'config-pacs.yaml'
        (Get-Content -LiteralPath $script:config -Raw) + "`nPACS:`n  AET: QRSCP`n  HOST: 127.0.0.1`n  PORT: $script:port`n" | Set-Content -LiteralPath $withPacs
        $rows = @(Get-HamletInventory -ConfigPath $withPacs -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        $rows.Count | Should -Be 1
        $rows[0].Status | Should -Be 'Sent'
        $rows[0].PatientID | Should -Be $script:row.MRN
    }

    It 'takes a patient named by position: the unmapped sample patient, pseudonymised when processed, shows its pseudonym as StudyId' {
        $other = (Get-ChildItem -LiteralPath (Join-Path $PSScriptRoot '../../examples/data/incoming/export-02') -Recurse -File | Select-Object -First 1 | Get-DicomFile).PatientID
        $rows = @(Get-HamletInventory $other -ConfigPath $script:config -ComputerName 127.0.0.1 -Port $script:port -CalledAETitle QRSCP -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        $rows.Count | Should -Be 1
        $rows[0].Status | Should -Be 'Sent'
        $rows[0].PatientID | Should -Be $other
        $rows[0].StudyId | Should -Not -BeNullOrEmpty
        $rows[0].StudyId | Should -Not -Be $script:row.Study_ID
    }

    It 'stops with SentRecordUnreadable naming the journal when a journal line cannot be read' {
        $bad = Join-Path $script:site 'logs/run-20000101-000000-deadbeef.jsonl'
        "{broken`n{`"event`":`"run-complete`"}`n" | Set-Content -LiteralPath $bad -NoNewline
        try {
            $err = { Get-HamletInventory -PatientID X -ConfigPath $script:config -ComputerName 127.0.0.1 -Port $script:port -CalledAETitle QRSCP -ErrorAction Stop } |
                Should -Throw -ErrorId 'SentRecordUnreadable,HamletPS.Commands.GetHamletInventoryCommand' -PassThru
            $err.Exception.Message | Should -BeLike "*run-20000101-000000-deadbeef.jsonl line 1*"
        }
        finally { Remove-Item -LiteralPath $bad -Force }
    }
}

Describe 'Get-HamletInventory without its records' {
    It 'refuses to run without a PACS rather than guess one' {
        { Get-HamletInventory -PatientID X -ConfigPath $script:config -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidInventorySettings,HamletPS.Commands.GetHamletInventoryCommand'
    }
}
