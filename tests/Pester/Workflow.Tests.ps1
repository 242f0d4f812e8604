#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Invoke-DicomSort, New-HamletArchive, Clear-HamletFolder and Invoke-HamletPipeline as a user runs them,
# for sites and Windows CI (Windows PowerShell 5.1 and pwsh): the "Process data" and "Empty folders" workflow on a copy of the
# bundled sample site (examples/config.yaml in the HTP format, examples/mapping.csv, examples/data/incoming).
# Run: Invoke-Pester -Path tests/Pester/Workflow.Tests.ps1 -Output Detailed   (after `dotnet publish src/HamletPS -c Release`)

BeforeAll {
    $repo = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $version = ([xml](Get-Content (Join-Path $repo 'Directory.Build.props'))).Project.PropertyGroup.HamletVersion | Where-Object { $_ } | Select-Object -First 1
    Import-Module (Join-Path $repo "out/HamletPS/$version/HamletPS.psd1") -Force -ErrorAction Stop
    $script:examples = Join-Path $repo 'examples'
    # The sample's patient IDs: none may appear in an archive entry name or a step message.
    $script:patientIds = Get-DicomFile -Path (Join-Path $script:examples 'data/incoming') -Recurse | ForEach-Object PatientID | Sort-Object -Unique
    $script:mappedStudyId = ((Get-Content (Join-Path $script:examples 'mapping.csv'))[1] -split ',')[1].Trim()

    # A fresh copy of the sample site in its own folder (config paths are relative to the config file).
    function New-SampleSite {
        $root = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path (Join-Path $root 'data') -Force | Out-Null
        Copy-Item -LiteralPath (Join-Path $script:examples 'config.yaml'), (Join-Path $script:examples 'mapping.csv') -Destination $root
        Copy-Item -LiteralPath (Join-Path $script:examples 'data/incoming') -Destination (Join-Path $root 'data') -Recurse
        [pscustomobject]@{
            Root     = $root
            Config   = Join-Path $root 'config.yaml'
            Incoming = Join-Path $root 'data/incoming'
            Sorted   = Join-Path $root 'data/sorted'
            Outgoing = Join-Path $root 'data/outgoing'
        }
    }

    function Get-FileCount([string] $Folder) {
        if (Test-Path -LiteralPath $Folder) { @(Get-ChildItem -LiteralPath $Folder -Recurse -File).Count } else { 0 }
    }
}

Describe 'Invoke-DicomSort' {
    It 'sorts INCOMING of the configuration and pipes the sorted files into Get-DicomFile' {
        $site = New-SampleSite
        $inputs = Get-FileCount $site.Incoming
        $summaries = Invoke-DicomSort -ConfigPath $site.Config -SettleSeconds 0 | Get-DicomFile
        @($summaries).Count | Should -Be $inputs
        Get-FileCount $site.Incoming | Should -Be 0
        @(Get-ChildItem -LiteralPath $site.Sorted -Recurse -File -Filter *.dcm).Count | Should -Be $inputs
    }

    It '-WhatIf writes nothing' {
        $site = New-SampleSite
        Invoke-DicomSort -Path $site.Incoming -Destination $site.Sorted -SettleSeconds 0 -WhatIf | Should -BeNullOrEmpty
        Test-Path -LiteralPath $site.Sorted | Should -BeFalse
    }

    It 'quarantines a truncated file with a reason file, warns about a non-DICOM file and sorts the rest' {
        $site = New-SampleSite
        $good = Get-ChildItem -LiteralPath $site.Incoming -Recurse -File | Select-Object -First 1
        $bytes = [IO.File]::ReadAllBytes($good.FullName)
        [IO.File]::WriteAllBytes((Join-Path $site.Incoming 'truncated.dcm'), $bytes[0..($bytes.Length - 8)])
        Set-Content -LiteralPath (Join-Path $site.Incoming 'readme.txt') -Value 'not dicom'
        $quarantine = Join-Path $site.Root 'q'
        $out = Invoke-DicomSort $site.Incoming -Destination $site.Sorted -QuarantinePath $quarantine -SettleSeconds 0 `
            -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warns -WarningAction SilentlyContinue
        @($out).Count | Should -BeGreaterThan 0
        @($errs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'QuarantinedDicomFile,HamletPS.Commands.InvokeDicomSortCommand'
        Test-Path -LiteralPath (Join-Path $quarantine 'truncated.dcm.reason.txt') | Should -BeTrue
        $warns | Where-Object { $_.Message -like 'NotDicom:*' } | Should -Not -BeNullOrEmpty
        Test-Path -LiteralPath (Join-Path $site.Incoming 'readme.txt') | Should -BeTrue
    }

    It 'binds Path by property name and -Copy leaves the source' {
        $site = New-SampleSite
        $file = (Get-ChildItem -LiteralPath $site.Incoming -Recurse -File | Select-Object -First 1).FullName
        $sorted = [pscustomobject]@{ Path = $file } | Invoke-DicomSort -Destination $site.Sorted -Copy -SettleSeconds 0
        $sorted.Status.ToString() | Should -Be 'Sorted'
        $sorted.Source | Should -Be $file
        Test-Path -LiteralPath $file | Should -BeTrue
    }

    It 'stops with ConfigurationMissing when there is neither a configuration nor -Destination' {
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $folder | Out-Null
        $saved = $env:HAMLET_CONFIG
        try {
            $env:HAMLET_CONFIG = $null
            Push-Location -LiteralPath $folder
            { Invoke-DicomSort -Path $folder -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigurationMissing,HamletPS.Commands.InvokeDicomSortCommand'
        }
        finally {
            Pop-Location
            $env:HAMLET_CONFIG = $saved
        }
    }

    It 'stops with ConfigNotFound when $env:HAMLET_CONFIG names a file that does not exist, as hamlet does' {
        $site = New-SampleSite
        $saved = $env:HAMLET_CONFIG
        try {
            $env:HAMLET_CONFIG = Join-Path $site.Root 'missing.yaml'
            { Invoke-DicomSort -Path $site.Incoming -Destination $site.Sorted -Copy -SettleSeconds 0 -ErrorAction Stop } |
                Should -Throw -ErrorId 'ConfigNotFound,HamletPS.Commands.InvokeDicomSortCommand'
            Test-Path -LiteralPath $site.Sorted | Should -BeFalse
        }
        finally {
            $env:HAMLET_CONFIG = $saved
        }
    }
}

Describe 'New-HamletArchive' {
    It 'sort | protect | archive in one pipeline writes one verified archive holding every protected file' {
        $site = New-SampleSite
        $inputs = Get-FileCount $site.Incoming
        $protected = Join-Path $site.Root 'protected'
        $archive = Invoke-DicomSort -ConfigPath $site.Config -SettleSeconds 0 |
            Protect-DicomPatient -ConfigPath $site.Config -Destination $protected |
            New-HamletArchive -ConfigPath $site.Config -Verify
        @($archive).Count | Should -Be 1
        $archive.Path | Should -BeLike (Join-Path $site.Outgoing '*.zip')
        $archive.EntryCount | Should -Be $inputs
        $archive.Verified | Should -BeTrue
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($archive.Path)
        try { $names = $zip.Entries.FullName -join "`n" } finally { $zip.Dispose() }
        $names | Should -Match ([regex]::Escape($script:mappedStudyId + '/'))
        $names | Should -Match 'manifest\.csv'
        $names | Should -Match 'manifest\.json'
        foreach ($id in $script:patientIds) { $names | Should -Not -Match ([regex]::Escape($id)) }
    }

    It '-WhatIf writes nothing and -PerPatient names one archive per Study ID' {
        $site = New-SampleSite
        $protected = Join-Path $site.Root 'protected'
        $outgoing = Join-Path $site.Root 'out'
        Protect-DicomPatient -Path $site.Incoming -ConfigPath $site.Config -Destination $protected | Out-Null
        New-HamletArchive $protected -Destination $outgoing -Site s1 -ConfigPath $site.Config -WhatIf | Should -BeNullOrEmpty
        Get-FileCount $outgoing | Should -Be 0
        $perPatient = New-HamletArchive $protected -Destination $outgoing -Site s1 -ConfigPath $site.Config -PerPatient
        @($perPatient).Count | Should -Be 2
        ($perPatient | ForEach-Object { Split-Path -Leaf $_.Path }) | Should -Contain ($script:mappedStudyId + '.zip')
    }
}

Describe 'New-HamletArchive binding in the chain' {
    It 'skips piped results without a Path quietly (a failed or planned protection), not with a binding error' {
        $outgoing = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        [pscustomobject]@{ Path = $null; DestinationPath = (Join-Path $TestDrive 'protected/never-written.dcm'); Status = 'Failed' } |
            New-HamletArchive -Destination $outgoing -Site s1 -ErrorVariable errs | Should -BeNullOrEmpty
        $errs | Should -BeNullOrEmpty
        Test-Path -LiteralPath $outgoing | Should -BeFalse
    }

    It 'an explicit empty -Path is a statement-terminating PathRequired error (InvalidArgument); the script goes on' {
        # In a runspace of its own: inside Pester's own try/catch every terminating error would end the test's script.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($m, $out) Import-Module $m; New-HamletArchive -Path $null -Destination $out -Site s1; ''after''').
                AddArgument(((Get-Module HamletPS).Path -replace '\.dll$', '.psd1')).AddArgument((Join-Path $TestDrive 'out-empty'))
            $out = $ps.Invoke()
            @($out) | Should -Be @('after')
            @($ps.Streams.Error).Count | Should -Be 1
            $ps.Streams.Error[0].FullyQualifiedErrorId | Should -Be 'PathRequired,HamletPS.Commands.NewHamletArchiveCommand'
            $ps.Streams.Error[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Clear-HamletFolder' {
    It 'after the process run deletes the archived files and keeps an unrecorded one with a warning unless -Force' {
        $site = New-SampleSite
        $note = Join-Path $site.Incoming 'notes.txt'
        Set-Content -LiteralPath $note -Value 'never archived'
        Invoke-HamletPipeline -ConfigPath $site.Config -SettleSeconds 0 | Out-Null

        Clear-HamletFolder -ConfigPath $site.Config -WhatIf | Should -BeNullOrEmpty
        Get-FileCount $site.Sorted | Should -BeGreaterThan 0

        $results = Clear-HamletFolder -ConfigPath $site.Config -Confirm:$false -PassThru -WarningVariable warns -WarningAction SilentlyContinue
        Get-FileCount $site.Sorted | Should -Be 0
        Test-Path -LiteralPath $note | Should -BeTrue
        @($warns | Where-Object { $_.Message -like '*notes.txt*' }).Count | Should -Be 1
        ($results | Where-Object Path -eq $note).Status.ToString() | Should -Be 'Kept'
        @(Get-ChildItem -LiteralPath $site.Outgoing -Filter *.zip).Count | Should -Be 1

        Clear-HamletFolder -ConfigPath $site.Config -Folder Incoming -Force -Confirm:$false
        Test-Path -LiteralPath $note | Should -BeFalse
    }

    It 'refuses -Folder Outgoing at binding and deletes nothing' {
        $site = New-SampleSite
        New-Item -ItemType Directory -Path $site.Outgoing | Out-Null
        Set-Content -LiteralPath (Join-Path $site.Outgoing 'waiting.zip') -Value 'not yet sent'
        $before = Get-FileCount $site.Root
        { Clear-HamletFolder -ConfigPath $site.Config -Folder Incoming, Outgoing -Force -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,HamletPS.Commands.ClearHamletFolderCommand'
        Get-FileCount $site.Root | Should -Be $before
    }
}

Describe 'Invoke-HamletPipeline' {
    It 'writes the old tool''s steps to the Information stream and returns the archive' {
        $site = New-SampleSite
        $summary = Invoke-HamletPipeline -ConfigPath $site.Config -SettleSeconds 0 -InformationVariable info -ErrorVariable errs
        @($errs).Count | Should -Be 0
        @($summary).Count | Should -Be 1
        Test-Path -LiteralPath $summary.Path | Should -BeTrue
        $lines = @($info | ForEach-Object { $_.MessageData.ToString() })
        $lines[2] | Should -Be 'Step 1 : Sorting incoming files into new folder structure'
        $lines | Should -Contain 'Step 2 : Running pseudonymisation'
        $lines | Should -Contain $summary.Path
        $lines[-1] | Should -Be 'Processing complete'
        foreach ($id in $script:patientIds) { ($lines -join "`n") | Should -Not -Match ([regex]::Escape($id)) }
    }

    It '-WhatIf writes nothing' {
        $site = New-SampleSite
        $before = Get-FileCount $site.Root
        Invoke-HamletPipeline -ConfigPath $site.Config -WhatIf | Should -BeNullOrEmpty
        Get-FileCount $site.Root | Should -Be $before
    }

    It 'two rows for one MRN with different Study IDs: a terminating error naming the line, and nothing moved' {
        $site = New-SampleSite
        $mrn = $script:patientIds[0]
        Set-Content -LiteralPath (Join-Path $site.Root 'mapping.csv') -Value "MRN,Study_ID`r`n$mrn,180_0001`r`n$mrn,180_0002" -NoNewline
        $before = @(Get-ChildItem -LiteralPath $site.Incoming -Recurse -File | ForEach-Object FullName | Sort-Object)
        $caught = $null
        try { Invoke-HamletPipeline -ConfigPath $site.Config -SettleSeconds 0 -ErrorAction Stop } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -Be 'InvalidPipelineSettings,HamletPS.Commands.InvokeHamletPipelineCommand'
        $caught.Exception.Message | Should -BeLike '*mapping.csv:3*'
        $caught.Exception.Message | Should -Not -BeLike "*$mrn*"
        @(Get-ChildItem -LiteralPath $site.Incoming -Recurse -File | ForEach-Object FullName | Sort-Object) | Should -Be $before
    }
}
