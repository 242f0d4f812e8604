#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Get-DicomDoseReport as a user runs it (the cmdlet's one home; the reader is tested in xunit against dsrdump).
# The dose reports are written by pydicom (tests/HamletPS.Dicom.Tests/Oracles/make_rdsr.py): skipped where python3 with
# pydicom is missing. Run: Invoke-Pester -Path tests/Pester   (after `dotnet publish src/HamletPS -c Release`)

BeforeDiscovery {
    # Debian's python3 (python3-pydicom, which tests/run.sh installs) before whatever python3 PATH finds first.
    $python = if (Test-Path -LiteralPath /usr/bin/python3) { '/usr/bin/python3' } else { (Get-Command python3, python -ErrorAction SilentlyContinue | Select-Object -First 1).Source }
    $hasPydicom = $false
    if ($python) { & $python -c 'import pydicom' 2>$null; $hasPydicom = ($LASTEXITCODE -eq 0) }
    $hasStorescu = [bool](Get-Command storescu -ErrorAction SilentlyContinue)
}

BeforeAll {
    $repo = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $version = ([xml](Get-Content (Join-Path $repo 'Directory.Build.props'))).Project.PropertyGroup.HamletVersion | Where-Object { $_ } | Select-Object -First 1
    $script:manifest = Join-Path $repo "out/HamletPS/$version/HamletPS.psd1"
    Import-Module $script:manifest -Force
    $python = if (Test-Path -LiteralPath /usr/bin/python3) { '/usr/bin/python3' } else { (Get-Command python3, python -ErrorAction SilentlyContinue | Select-Object -First 1).Source }
    $script = Join-Path $repo 'tests/HamletPS.Dicom.Tests/Oracles/make_rdsr.py'
    function New-Rdsr([string] $Path, [string] $Kind, [int] $Seed, [string[]] $Flags = @()) {
        & $python $script $Kind $Path $Seed @Flags
        if ($LASTEXITCODE -ne 0) { throw "make_rdsr.py failed for $Kind" }
    }
    $mgScript = Join-Path $repo 'tests/HamletPS.Dicom.Tests/Oracles/make_mg_image.py'
    function New-MgImage([string] $Path, [int] $Seed, [int] $Study, [int] $View) {
        & $python $mgScript $Path $Seed --study $Study --view $View
        if ($LASTEXITCODE -ne 0) { throw "make_mg_image.py failed" }
    }
}

Describe 'Get-DicomDoseReport' -Skip:(-not $hasPydicom) {
    It 'reads a folder of CT and fluoroscopy reports, one object per report' {
        $folder = Join-Path $TestDrive 'dose'
        New-Item -ItemType Directory -Path $folder | Out-Null
        New-Rdsr (Join-Path $folder '1.dcm') 'ct' 1
        New-Rdsr (Join-Path $folder '2.dcm') 'rf' 1
        $reports = Get-DicomDoseReport -Path $folder
        @($reports).Count | Should -Be 2
        $reports[0].Kind | Should -Be 'CT'
        $reports[0].CtEvents.Count | Should -Be 3
        $reports[0].TotalDlp | Should -BeGreaterThan 0
        $reports[1].Kind | Should -Be 'ProjectionXRay'
        $reports[1].FluoroTime | Should -Be 42.5
    }

    It 'binds FileInfo objects from Get-ChildItem by property name' {
        $folder = Join-Path $TestDrive 'bind'
        New-Item -ItemType Directory -Path $folder | Out-Null
        New-Rdsr (Join-Path $folder 'ct.dcm') 'ct' 2
        (Get-ChildItem -Path $folder -File | Get-DicomDoseReport).StationName | Should -Be 'CT-SIM-1'
    }

    It 'skips an image with a verbose line naming it, and returns DoseReport objects' {
        $folder = Join-Path $TestDrive 'mixed'
        New-Item -ItemType Directory -Path $folder | Out-Null
        New-Rdsr (Join-Path $folder '1.dcm') 'ct' 5
        $image = Get-ChildItem -Path (Join-Path $repo 'examples/data/incoming') -Recurse -File | Select-Object -First 1
        Copy-Item -LiteralPath $image.FullName (Join-Path $folder '3.dcm')
        $verbose = Get-DicomDoseReport -Path $folder -Verbose -ErrorVariable errs 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $errs | Should -BeNullOrEmpty
        ($verbose.Message -join "`n") | Should -BeLike '*3.dcm*not an X-Ray Radiation Dose SR*'
        (Get-DicomDoseReport -Path $folder).GetType().FullName | Should -Be 'HamletPS.Core.Dose.DoseReport'
    }

    It 'binds a FullName property of any object, and the CT events flow on through the pipeline' {
        $folder = Join-Path $TestDrive 'events'
        New-Item -ItemType Directory -Path $folder | Out-Null
        $file = Join-Path $folder 'ct.dcm'
        New-Rdsr $file 'ct' 2
        @([pscustomobject]@{ FullName = $file } | Get-DicomDoseReport | ForEach-Object { $_.CtEvents } | Where-Object { $null -ne $_.CtdiVol }).Count | Should -Be 2
    }

    It 'a broken file is a non-terminating InvalidDicomFile error and the others are still read' {
        $folder = Join-Path $TestDrive 'broken'
        New-Item -ItemType Directory -Path $folder | Out-Null
        New-Rdsr (Join-Path $folder '1.dcm') 'ct' 4
        [IO.File]::WriteAllBytes((Join-Path $folder '2.dcm'), [byte[]]([IO.File]::ReadAllBytes((Join-Path $folder '1.dcm'))[0..299]))
        $reports = Get-DicomDoseReport -Path $folder -ErrorVariable errs -ErrorAction SilentlyContinue
        @($reports).Count | Should -Be 1
        @($errs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidDicomFile,HamletPS.Commands.GetDicomDoseReportCommand'
        $errs[0].Exception.Message | Should -BeLike '*2.dcm*'
    }

    It 'turns units it does not know into a warning, not an error' {
        $folder = Join-Path $TestDrive 'units'
        New-Item -ItemType Directory -Path $folder | Out-Null
        New-Rdsr (Join-Path $folder 'rf.dcm') 'rf' 3 @('--units-quirk')
        $report = Get-DicomDoseReport -Path $folder -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errs
        $errs | Should -BeNullOrEmpty
        $report.FluoroTime | Should -BeNullOrEmpty
        ($warnings -join "`n") | Should -BeLike '*furlong*'
    }
}

Describe 'Import-DicomDoseReport, Get-DoseHistory and Export-DoseHistory' -Skip:(-not $hasPydicom) {
    BeforeAll {
        $script:folder = Join-Path $TestDrive 'history-in'
        New-Item -ItemType Directory -Path $script:folder | Out-Null
        New-Rdsr (Join-Path $script:folder 'ct.dcm') 'ct' 11
        New-Rdsr (Join-Path $script:folder 'rf.dcm') 'rf' 12
        $script:key = ConvertTo-SecureString 'pester-dose-site-secret' -AsPlainText -Force
    }

    It 'stores each report once, however often it is imported, from Get-ChildItem through the pipeline' {
        $db = Join-Path $TestDrive 'once.sqlite'
        $first = Get-ChildItem $script:folder -Filter *.dcm | Import-DicomDoseReport -DatabasePath $db -Key $script:key
        $again = Import-DicomDoseReport -Path $script:folder -DatabasePath $db -Key $script:key
        @($first.Status) | Should -Be @('Added', 'Added')
        @($again.Status) | Should -Be @('Unchanged', 'Unchanged')
        @(Get-DoseHistory -DatabasePath $db).Count | Should -Be 2
        @(Get-DoseHistory -DatabasePath $db -Kind CT).Count | Should -Be 1
        (Get-DoseHistory -DatabasePath $db -Summary | Where-Object Kind -eq 'CT').Dlp.Median | Should -BeGreaterThan 0
    }

    It '-WhatIf stores nothing and creates no database' {
        $db = Join-Path $TestDrive 'whatif.sqlite'
        $result = Import-DicomDoseReport -Path $script:folder -DatabasePath $db -Key $script:key -WhatIf
        @($result.Status) | Should -Be @('WouldAdd', 'WouldAdd')
        Test-Path -LiteralPath $db | Should -BeFalse
    }

    It 'exports a workbook and refuses to overwrite it without -Force' {
        $db = Join-Path $TestDrive 'export.sqlite'
        Import-DicomDoseReport -Path $script:folder -DatabasePath $db -Key $script:key | Out-Null
        $xlsx = Join-Path $TestDrive 'dose.xlsx'
        (Export-DoseHistory -Path $xlsx -DatabasePath $db).Studies | Should -Be 2
        { Export-DoseHistory -Path $xlsx -DatabasePath $db -ErrorAction Stop } | Should -Throw -ErrorId 'ExportExists,HamletPS.Commands.ExportDoseHistoryCommand'
        (Export-DoseHistory -Path $xlsx -DatabasePath $db -Force).Format | Should -Be 'Xlsx'
    }

    It 'writes the charts beside or instead of the file, replacing them only with -Force' {
        $db = Join-Path $TestDrive 'charts.sqlite'
        Import-DicomDoseReport -Path $script:folder -DatabasePath $db -Key $script:key | Out-Null
        $charts = Join-Path $TestDrive 'charts'
        $result = Export-DoseHistory -ChartPath $charts -DatabasePath $db
        $result.Folder | Should -Be $charts
        @($result.Files | Split-Path -Leaf) | Should -Be @('ct-dlp-per-protocol.svg', 'projection-dap-per-protocol.svg', 'studies-per-station.svg', 'index.html')
        { Export-DoseHistory -ChartPath $charts -DatabasePath $db -ErrorAction Stop } | Should -Throw -ErrorId 'ExportExists,HamletPS.Commands.ExportDoseHistoryCommand'
        $both = Export-DoseHistory (Join-Path $TestDrive 'both.csv') -Chart $charts -DatabasePath $db -Force
        @($both).Count | Should -Be 2
        { Export-DoseHistory -DatabasePath $db -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDoseHistorySettings,HamletPS.Commands.ExportDoseHistoryCommand'
        Export-DoseHistory -ChartPath (Join-Path $TestDrive 'whatif') -DatabasePath $db -WhatIf
        Test-Path (Join-Path $TestDrive 'whatif') | Should -BeFalse
    }

    It 'imports mammography images, read from their headers, as one study' {
        $mg = Join-Path $TestDrive 'mg'
        New-Item -ItemType Directory -Path $mg | Out-Null
        0..3 | ForEach-Object { New-MgImage (Join-Path $mg "$_.dcm") (40 + $_) 4 $_ }
        $study = Get-DicomDoseReport -Path $mg
        @($study).Count | Should -Be 1
        $study.FromImageHeaders | Should -BeTrue
        $study.ProjectionEvents.Count | Should -Be 4
        $db = Join-Path $TestDrive 'mg.sqlite'
        (Import-DicomDoseReport -Path $mg -DatabasePath $db -Key $script:key).Status | Should -Be 'Added'
        (Get-DoseHistory -DatabasePath $db -Kind Mammography).EventCount | Should -Be 4
    }

    It 'Receive-Dicom -DoseHistoryPath stores the dose reports storescu sends in the history' -Skip:(-not $hasStorescu) {
        $db = Join-Path $TestDrive 'received.sqlite'
        $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $l.Start(); $port = $l.LocalEndpoint.Port; $l.Stop()
        $env:HAMLET_SITE_KEY = 'pester-receive-dose-secret'   # the receiver keys patients with the configured secret
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($m, $f, $p, $d) Import-Module $m; Receive-Dicom -Path $f -Port $p -Count 2 -DoseHistoryPath $d -Confirm:$false').
                AddArgument($script:manifest).AddArgument((Join-Path $TestDrive 'received')).AddArgument($port).AddArgument($db)
            $run = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while ([DateTime]::UtcNow -lt $deadline) {
                try { $c = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $port); $c.Dispose(); break } catch { Start-Sleep -Milliseconds 100 }
            }
            & storescu -aec HAMLETPS 127.0.0.1 $port (Join-Path $script:folder 'ct.dcm') (Join-Path $script:folder 'rf.dcm')
            $LASTEXITCODE | Should -Be 0
            $run.AsyncWaitHandle.WaitOne(60000) | Should -BeTrue
            $received = $ps.EndInvoke($run)
            @($received).Count | Should -Be 2
            $history = @(Get-DoseHistory -DatabasePath $db)
            $history.Count | Should -Be 2
            @($history.Kind | Sort-Object) | Should -Be @('CT', 'ProjectionXRay')
        }
        finally {
            $ps.Dispose()
            Remove-Item Env:HAMLET_SITE_KEY -ErrorAction SilentlyContinue
        }
    }

    It 'a missing database stops Get-DoseHistory with DoseHistoryUnavailable' {
        { Get-DoseHistory -DatabasePath (Join-Path $TestDrive 'absent.sqlite') -ErrorAction Stop } |
            Should -Throw -ErrorId 'DoseHistoryUnavailable,HamletPS.Commands.GetDoseHistoryCommand'
    }
}
