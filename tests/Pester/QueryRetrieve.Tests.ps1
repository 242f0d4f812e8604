#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Find-DicomStudy and Copy-DicomStudy as a user runs them (the cmdlets' one home; the engine is tested in xunit). The PACS is
# dcmtk's dcmqrscp with a database filled by dcmqridx from the checked-in synthetic sample (examples/data/incoming); the tests
# are skipped when dcmqrscp is not on PATH (tests/run.sh installs dcmtk). DICOM TLS: Orthanc with DicomTlsEnabled (skipped without
# Orthanc or openssl).
# Run: Invoke-Pester -Path tests/Pester/QueryRetrieve.Tests.ps1 -Output Detailed

BeforeDiscovery {
    $script:hasDcmqrscp = [bool](Get-Command dcmqrscp -ErrorAction SilentlyContinue)
}

BeforeAll {
    $version = ([xml](Get-Content (Join-Path $PSScriptRoot '../../Directory.Build.props'))).Project.PropertyGroup.HamletVersion | Where-Object { $_ } | Select-Object -First 1
    Import-Module (Resolve-Path (Join-Path $PSScriptRoot "../../out/HamletPS/$version/HamletPS.psd1")).Path -Force -ErrorAction Stop
    $script:sample = (Resolve-Path (Join-Path $PSScriptRoot '../../examples/data/incoming/export-01')).Path
    $script:work = Join-Path ([System.IO.Path]::GetTempPath()) ('pester-qr-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path (Join-Path $script:work 'db') | Out-Null
    $files = @(Get-ChildItem -LiteralPath $script:sample -Recurse -File)
    $script:count = $files.Count
    $script:study = (Get-DicomFile -LiteralPath $files[0].FullName).StudyInstanceUID
    $script:mrn = (Get-DicomFile -LiteralPath $files[0].FullName).PatientID
    if (Get-Command dcmqrscp -ErrorAction SilentlyContinue) {
        $i = 0
        $copies = foreach ($f in $files) { $t = Join-Path $script:work "db/f$i.dcm"; Copy-Item -LiteralPath $f.FullName $t; $t; $i++ }
        & dcmqridx (Join-Path $script:work 'db') @copies
        $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0); $l.Start(); $script:port = $l.LocalEndpoint.Port; $l.Stop()
        $cfg = Join-Path $script:work 'dcmqrscp.cfg'
        @("NetworkTCPPort = $script:port", 'MaxPDUSize = 16384', 'MaxAssociations = 16', 'HostTable BEGIN', 'HostTable END',
          'VendorTable BEGIN', 'VendorTable END', 'AETable BEGIN', "QRSCP `"$(Join-Path $script:work 'db')`" RW (500, 1024mb) ANY", 'AETable END') | Set-Content $cfg
        $script:pacs = Start-Process dcmqrscp -ArgumentList '-c', $cfg, $script:port -PassThru
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        while ([DateTime]::UtcNow -lt $deadline) { try { ([System.Net.Sockets.TcpClient]::new('127.0.0.1', $script:port)).Dispose(); break } catch { Start-Sleep -Milliseconds 50 } }
    }
}

AfterAll {
    if ($script:pacs) { Stop-Process -Id $script:pacs.Id -Force -ErrorAction SilentlyContinue }
    Remove-Item -LiteralPath $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Find-DicomStudy and Copy-DicomStudy against dcmqrscp' -Skip:(-not $script:hasDcmqrscp) {
    It 'binds the MRN of a mapping row, copies the study into the destination, and a second run copies nothing' {
        $dest = Join-Path $script:work 'incoming'
        $rows = @([pscustomobject]@{ MRN = $script:mrn; Study_ID = '999_1001' })
        $copied = @($rows | Find-DicomStudy -ComputerName 127.0.0.1 -Port $script:port -CalledAETitle QRSCP | Copy-DicomStudy -Destination $dest)
        $copied.Count | Should -Be $script:count
        @(Get-ChildItem -LiteralPath $dest -File).Count | Should -Be $script:count
        @($rows | Find-DicomStudy -ComputerName 127.0.0.1 -Port $script:port -CalledAETitle QRSCP | Copy-DicomStudy -Destination $dest).Count | Should -Be 0
    }

    It 'queries at series level: DicomQueryResult objects that carry their PACS' {
        $series = @(Find-DicomStudy 127.0.0.1 $script:port -CalledAETitle QRSCP -Level Series -StudyInstanceUID $script:study -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        $series.Count | Should -BeGreaterThan 0
        $series[0].GetType().FullName | Should -Be 'HamletPS.Core.Retrieve.DicomQueryResult'
        $series | ForEach-Object { $_.Level | Should -Be 'SERIES'; $_.CalledAETitle | Should -Be 'QRSCP'; $_.StudyInstanceUID | Should -Be $script:study }
    }

    It 'Copy-DicomStudy -WhatIf copies nothing' {
        $dest = Join-Path $script:work 'whatif'
        Copy-DicomStudy 127.0.0.1 $script:port -CalledAETitle QRSCP -StudyInstanceUID $script:study -Destination $dest -WhatIf -ErrorVariable errs | Should -BeNullOrEmpty
        $errs | Should -BeNullOrEmpty
        (Test-Path -LiteralPath $dest) -and @(Get-ChildItem -LiteralPath $dest -File).Count -gt 0 | Should -BeFalse
    }

    It 'reports a refused move destination as MoveDestinationUnknown' {
        { Copy-DicomStudy 127.0.0.1 $script:port -CalledAETitle QRSCP -StudyInstanceUID $script:study -Method Move -MoveDestination STRANGER -ReceiverPort 11999 -Destination (Join-Path $script:work 'm') -ErrorAction Stop } |
            Should -Throw -ErrorId 'MoveDestinationUnknown,HamletPS.Commands.CopyDicomStudyCommand'
    }
}

Describe 'Find-DicomStudy and Copy-DicomStudy over DICOM TLS against Orthanc' -Skip:(-not ((Get-Command Orthanc -ErrorAction SilentlyContinue) -and (Get-Command openssl -ErrorAction SilentlyContinue))) {
    BeforeAll {
        # Orthanc with DicomTlsEnabled speaks only TLS on its DICOM port; the certificates are made here by openssl.
        $script:tlsWork = Join-Path $script:work 'tls'
        New-Item -ItemType Directory -Path $script:tlsWork | Out-Null
        foreach ($n in 'pacs', 'stranger') {
            & openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1' `
                -keyout (Join-Path $script:tlsWork "$n.key.pem") -out (Join-Path $script:tlsWork "$n.cert.pem") 2>$null
        }
        $free = { $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0); $l.Start(); $p = $l.LocalEndpoint.Port; $l.Stop(); $p }
        $script:tlsPort = & $free; $http = & $free
        $pacsCert = Join-Path $script:tlsWork 'pacs.cert.pem'
        $cfg = [ordered]@{
            Name = 'PesterTls'; StorageDirectory = (Join-Path $script:tlsWork 'db'); IndexDirectory = (Join-Path $script:tlsWork 'db')
            HttpPort = $http; DicomPort = $script:tlsPort; DicomAet = 'QRSCP'; RemoteAccessAllowed = $false; AuthenticationEnabled = $false
            DicomAlwaysAllowFind = $true; DicomAlwaysAllowGet = $true; DicomCheckModalityHost = $false; Plugins = @()
            DicomTlsEnabled = $true; DicomTlsCertificate = $pacsCert; DicomTlsPrivateKey = (Join-Path $script:tlsWork 'pacs.key.pem')
            DicomTlsTrustedCertificates = $pacsCert; DicomTlsRemoteCertificateRequired = $false
        }
        $cfg | ConvertTo-Json | Set-Content (Join-Path $script:tlsWork 'orthanc.json')
        $script:orthanc = Start-Process Orthanc -ArgumentList (Join-Path $script:tlsWork 'orthanc.json') -PassThru -RedirectStandardOutput (Join-Path $script:tlsWork 'out.log') -RedirectStandardError (Join-Path $script:tlsWork 'err.log')
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ([DateTime]::UtcNow -lt $deadline) { try { ([System.Net.Sockets.TcpClient]::new('127.0.0.1', $http)).Dispose(); break } catch { Start-Sleep -Milliseconds 100 } }
        foreach ($f in Get-ChildItem -LiteralPath $script:sample -Recurse -File) { Invoke-RestMethod -Method Post -Uri "http://127.0.0.1:$http/instances" -InFile $f.FullName | Out-Null }
    }

    AfterAll {
        if ($script:orthanc) { Stop-Process -Id $script:orthanc.Id -Force -ErrorAction SilentlyContinue }
    }

    It 'finds the mapped MRN and copies its study over TLS (-UseTls, -TrustedCertificatePath)' {
        $dest = Join-Path $script:tlsWork 'incoming'
        $trust = Join-Path $script:tlsWork 'pacs.cert.pem'
        $copied = @([pscustomobject]@{ MRN = $script:mrn } | Find-DicomStudy -ComputerName 127.0.0.1 -Port $script:tlsPort -CalledAETitle QRSCP -UseTls -TrustedCertificatePath $trust |
            Copy-DicomStudy -UseTls -TrustedCertificatePath $trust -Destination $dest)
        $copied.Count | Should -Be $script:count
        @(Get-ChildItem -LiteralPath $dest -File).Count | Should -Be $script:count
    }

    It 'trusting another certificate than the PACS presents: DicomConnectionFailed naming the peer and the TLS handshake, no match' {
        $results = Find-DicomStudy 127.0.0.1 $script:tlsPort -CalledAETitle QRSCP -UseTls -TrustedCertificatePath (Join-Path $script:tlsWork 'stranger.cert.pem') -ErrorVariable errs -ErrorAction SilentlyContinue
        $results | Should -BeNullOrEmpty
        @($errs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'DicomConnectionFailed,HamletPS.Commands.FindDicomStudyCommand'
        $errs[0].TargetObject | Should -Be "QRSCP@127.0.0.1:$script:tlsPort"
        $errs[0].Exception.Message | Should -Match 'TLS handshake failed'
    }
}

Describe 'Find-DicomStudy without a PACS' {
    It 'writes DicomConnectionFailed naming the peer when nothing listens' {
        $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0); $l.Start(); $port = $l.LocalEndpoint.Port; $l.Stop()
        $results = Find-DicomStudy 127.0.0.1 $port -CalledAETitle QRSCP -PatientID X -TimeoutSeconds 5 -ErrorVariable errs -ErrorAction SilentlyContinue
        $results | Should -BeNullOrEmpty
        @($errs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'DicomConnectionFailed,HamletPS.Commands.FindDicomStudyCommand'
        $errs[0].TargetObject | Should -Be "QRSCP@127.0.0.1:$port"
    }
}
