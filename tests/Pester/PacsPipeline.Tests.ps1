#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Issue 18's "done when": the nightly pull as a site runs it, end to end against BOTH PACS peers the tests start themselves,
# dcmtk's dcmqrscp (a database filled by dcmqridx) and Orthanc (a generated configuration, the sample loaded through its REST
# API), with the local Azure Files endpoint as the share:
#   Import-Csv mapping.csv | Find-DicomStudy | Copy-DicomStudy | Invoke-DicomSort | Protect-DicomPatient | New-HamletArchive | Send-AzureShare
# and Invoke-HamletPipeline's pull step (the PACS section of config.yaml, as `hamlet process`). The PACS holds both patients of
# the synthetic sample (examples/data/incoming); mapping.csv lists one, so only that one's study may travel.
# A peer that is not installed is a visible skip (tests/run.sh installs dcmtk and orthanc).
# Run: Invoke-Pester -Path tests/Pester/PacsPipeline.Tests.ps1 -Output Detailed

BeforeDiscovery {
    $script:peers = @(
        @{ Peer = 'dcmqrscp'; Missing = -not (Get-Command dcmqrscp -ErrorAction SilentlyContinue) -or -not (Get-Command dcmqridx -ErrorAction SilentlyContinue) }
        @{ Peer = 'Orthanc'; Missing = -not (Get-Command Orthanc -ErrorAction SilentlyContinue) }
    )
}

BeforeAll {
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $version = ([xml](Get-Content (Join-Path $repo 'Directory.Build.props'))).Project.PropertyGroup.HamletVersion | Where-Object { $_ } | Select-Object -First 1
    Import-Module (Join-Path $repo "out/HamletPS/$version/HamletPS.psd1") -Force -ErrorAction Stop
    . (Join-Path $PSScriptRoot 'Support/TestFilesEndpoint.ps1')
    $script:files = Start-TestFilesEndpoint
    $script:examples = Join-Path $repo 'examples'
    $script:work = Join-Path ([System.IO.Path]::GetTempPath()) ('pester-pacs-pipeline-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:work | Out-Null

    $script:sampleFiles = @(Get-ChildItem -LiteralPath (Join-Path $script:examples 'data/incoming') -Recurse -File)
    $script:mrn = ((Get-Content (Join-Path $script:examples 'mapping.csv'))[1] -split ',')[0].Trim()
    $script:studyId = ((Get-Content (Join-Path $script:examples 'mapping.csv'))[1] -split ',')[1].Trim()
    $headers = @(Get-DicomFile -LiteralPath $script:sampleFiles.FullName)
    $script:mappedCount = @($headers | Where-Object PatientID -eq $script:mrn).Count
    $script:patientIds = @($headers.PatientID | Sort-Object -Unique)
    $script:pacsAe = 'QRSCP'

    function Get-FreePort {
        $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $l.Start(); $port = $l.LocalEndpoint.Port; $l.Stop(); $port
    }
    function Wait-Port([int] $Port, [int] $Seconds = 30) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while ([DateTime]::UtcNow -lt $deadline) {
            try { $c = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $Port); $c.Dispose(); return } catch { Start-Sleep -Milliseconds 100 }
        }
        throw "nothing listens on port $Port"
    }
    # dcmqrscp serving the sample as QRSCP (the database indexed by dcmqridx).
    function Start-Dcmqrscp {
        $root = Join-Path $script:work 'dcmqrscp'
        New-Item -ItemType Directory -Path (Join-Path $root 'db') -Force | Out-Null
        $i = 0
        $copies = foreach ($f in $script:sampleFiles) { $t = Join-Path $root "db/f$i.dcm"; Copy-Item -LiteralPath $f.FullName $t; $t; $i++ }
        & dcmqridx (Join-Path $root 'db') @copies
        $port = Get-FreePort
        $cfg = Join-Path $root 'dcmqrscp.cfg'
        @("NetworkTCPPort = $port", 'MaxPDUSize = 16384', 'MaxAssociations = 16', 'HostTable BEGIN', 'HostTable END',
          'VendorTable BEGIN', 'VendorTable END', 'AETable BEGIN', "$script:pacsAe `"$(Join-Path $root 'db')`" RW (500, 1024mb) ANY", 'AETable END') | Set-Content $cfg
        $process = Start-Process dcmqrscp -ArgumentList '-c', $cfg, $port -PassThru -RedirectStandardOutput (Join-Path $root 'out.log') -RedirectStandardError (Join-Path $root 'err.log')
        Wait-Port $port
        [pscustomobject]@{ Process = $process; Port = $port }
    }
    # Orthanc with a generated configuration (loopback ports, no authentication, C-FIND/C-GET from any AE), the sample posted
    # to its REST API.
    function Start-Orthanc {
        $root = Join-Path $script:work 'orthanc'
        New-Item -ItemType Directory -Path $root -Force | Out-Null
        $port = Get-FreePort
        $http = Get-FreePort
        $config = [ordered]@{
            Name = 'HamletTestPacs'; StorageDirectory = (Join-Path $root 'storage'); IndexDirectory = (Join-Path $root 'index')
            HttpPort = $http; DicomPort = $port; DicomAet = $script:pacsAe; RemoteAccessAllowed = $false; AuthenticationEnabled = $false
            DicomCheckCalledAet = $false; DicomAlwaysAllowEcho = $true; DicomAlwaysAllowStore = $true; DicomAlwaysAllowFind = $true
            DicomAlwaysAllowGet = $true; DicomAlwaysAllowMove = $true; DicomCheckModalityHost = $false; DefaultEncoding = 'Latin1'
            Plugins = @(); DicomModalities = @{}
        }
        $json = Join-Path $root 'orthanc.json'
        $config | ConvertTo-Json | Set-Content -LiteralPath $json
        $process = Start-Process Orthanc -ArgumentList $json -PassThru -RedirectStandardOutput (Join-Path $root 'out.log') -RedirectStandardError (Join-Path $root 'err.log')
        Wait-Port $http
        Wait-Port $port
        foreach ($f in $script:sampleFiles) {
            $null = Invoke-RestMethod -Method Post -Uri "http://127.0.0.1:$http/instances" -InFile $f.FullName -ContentType 'application/dicom'
        }
        [pscustomobject]@{ Process = $process; Port = $port }
    }
    # A fresh sample site whose INCOMING is empty: the PACS is its only source. -PacsPort adds the PACS section.
    function New-PullSite([string] $Name, $PacsPort) {
        $root = Join-Path $script:work $Name
        New-Item -ItemType Directory -Path (Join-Path $root 'data/incoming') -Force | Out-Null
        Copy-Item -LiteralPath (Join-Path $script:examples 'config.yaml'), (Join-Path $script:examples 'mapping.csv') -Destination $root
        $config = Join-Path $root 'config.yaml'
        if ($null -ne $PacsPort) {
            Add-Content -LiteralPath $config -Value "PACS:`n  AET: $script:pacsAe`n  HOST: 127.0.0.1`n  PORT: $PacsPort`n  SINCE: 36500`n  MODALITIES: CT, RTSTRUCT, RTPLAN, RTDOSE"
        }
        [pscustomobject]@{ Root = $root; Config = $config; Mapping = Join-Path $root 'mapping.csv'; Incoming = Join-Path $root 'data/incoming' }
    }
    # What an archive holds (entry names).
    function Get-ArchiveEntries([string] $Path) {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($Path)
        try { @($zip.Entries.FullName) } finally { $zip.Dispose() }
    }

    $script:pacs = @{}
    if (Get-Command dcmqrscp -ErrorAction SilentlyContinue) { $script:pacs['dcmqrscp'] = Start-Dcmqrscp }
    if (Get-Command Orthanc -ErrorAction SilentlyContinue) { $script:pacs['Orthanc'] = Start-Orthanc }
}

AfterAll {
    foreach ($p in $script:pacs.Values) { Stop-Process -Id $p.Process.Id -Force -ErrorAction SilentlyContinue }
    Stop-TestFilesEndpoint $script:files
    Remove-Item -LiteralPath $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The nightly pull against <Peer>' -ForEach $script:peers {
    It 'Import-Csv mapping.csv | Find-DicomStudy | Copy-DicomStudy | Invoke-DicomSort | Protect-DicomPatient | New-HamletArchive | Send-AzureShare uploads the mapped patient only' -Skip:$Missing {
        $script:mappedCount | Should -BeGreaterThan 0
        $script:mappedCount | Should -BeLessThan $script:sampleFiles.Count -Because 'the PACS also holds a patient the table does not list'
        $port = $script:pacs[$Peer].Port
        $site = New-PullSite "pipeline-$Peer" $null
        $protected = Join-Path $site.Root 'protected'
        $sent = @(Import-Csv $site.Mapping |
            Find-DicomStudy -ComputerName 127.0.0.1 -Port $port -CalledAETitle $script:pacsAe -Modality CT, RTSTRUCT, RTPLAN, RTDOSE |
            Copy-DicomStudy -ConfigPath $site.Config |
            Invoke-DicomSort -ConfigPath $site.Config -SettleSeconds 0 |
            Protect-DicomPatient -ConfigPath $site.Config -Destination $protected |
            New-HamletArchive -ConfigPath $site.Config -Verify |
            Send-AzureShare -ConnectionString $script:files.ConnectionString -Share $script:files.Share -Directory "nightly-$Peer" -LedgerPath (Join-Path $site.Root 'ledgers') -Confirm:$false)
        $sent.Count | Should -Be 1
        $archive = Get-ChildItem -LiteralPath (Join-Path $site.Root 'data/outgoing') -Filter *.zip
        @($archive).Count | Should -Be 1
        $entries = Get-ArchiveEntries $archive.FullName
        @($entries | Where-Object { $_ -like '*.dcm' }).Count | Should -Be $script:mappedCount -Because 'every instance of the mapped patient, and only those, travels'
        $entries -join "`n" | Should -Match ([regex]::Escape($script:studyId + '/'))
        foreach ($id in $script:patientIds) { $entries -join "`n" | Should -Not -Match ([regex]::Escape($id)) }
        $onShare = @(Get-AzureShareItem -ConnectionString $script:files.ConnectionString -Share $script:files.Share -Directory "nightly-$Peer")
        $onShare.Name | Should -Be @($archive.Name)
        $onShare[0].Length | Should -Be $archive.Length
    }

    It 'Invoke-HamletPipeline pulls through the PACS section of config.yaml, then sorts, protects and archives' -Skip:$Missing {
        $site = New-PullSite "process-$Peer" $script:pacs[$Peer].Port
        $summary = Invoke-HamletPipeline -ConfigPath $site.Config -SettleSeconds 0 -InformationVariable steps -ErrorVariable errs
        $errs | Should -BeNullOrEmpty
        $lines = @($steps | ForEach-Object { "$_" })
        $lines | Should -Contain "Pull: 1 studies, $script:mappedCount instances retrieved, 0 already present, 0 failed"
        ($lines -join "`n") | Should -Not -Match ([regex]::Escape($script:mrn))
        @($summary).Count | Should -Be 1
        $summary.Path | Should -BeLike '*.zip'
        @(Get-ArchiveEntries $summary.Path | Where-Object { $_ -like '*.dcm' }).Count | Should -Be $script:mappedCount
        $upload = $summary | Send-AzureShare -ConnectionString $script:files.ConnectionString -Share $script:files.Share -Directory "process-$Peer" -LedgerPath (Join-Path $site.Root 'ledgers') -Confirm:$false
        @($upload).Count | Should -Be 1
    }
}

Describe 'Invoke-HamletPipeline with a PACS that does not answer' {
    It 'writes one non-terminating error naming the PACS and processes what INCOMING holds' {
        $down = Get-FreePort
        $site = New-PullSite 'process-down' $down
        Copy-Item -LiteralPath (Join-Path $script:examples 'data/incoming/export-01') -Destination $site.Incoming -Recurse
        $summary = Invoke-HamletPipeline -ConfigPath $site.Config -SettleSeconds 0 -ErrorVariable errs -ErrorAction SilentlyContinue -InformationVariable steps
        @($errs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'DicomConnectionFailed,HamletPS.Commands.InvokeHamletPipelineCommand'
        $errs[0].TargetObject | Should -Be "$script:pacsAe@127.0.0.1:$down"
        $errs[0].Exception.Message | Should -Match 'processing goes on'
        $summary.Path | Should -BeLike '*.zip'
    }

    It '-WhatIf neither pulls nor moves anything' {
        $site = New-PullSite 'process-whatif' (Get-FreePort)
        Invoke-HamletPipeline -ConfigPath $site.Config -WhatIf -ErrorVariable errs | Should -BeNullOrEmpty
        $errs | Should -BeNullOrEmpty -Because 'nothing was tried, so no PACS error either'
        @(Get-ChildItem -LiteralPath $site.Incoming -Recurse -File).Count | Should -Be 0
        Test-Path -LiteralPath (Join-Path $site.Root 'data/outgoing') | Should -BeFalse
    }
}
