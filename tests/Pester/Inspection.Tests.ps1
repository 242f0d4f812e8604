#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Get-DicomFile and New-HamletConfig -WhatIf as a user runs them, for sites and CI (pwsh; Windows PowerShell 5.1).
# Run: Invoke-Pester -Path tests/Pester   (after `dotnet publish src/HamletPS -c Release`)

BeforeAll {
    $repo = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $version = ([xml](Get-Content (Join-Path $repo 'Directory.Build.props'))).Project.PropertyGroup.HamletVersion | Where-Object { $_ } | Select-Object -First 1
    Import-Module (Join-Path $repo "out/HamletPS/$version/HamletPS.psd1") -Force
    $examples = Join-Path $repo 'examples/data'
}

Describe 'Get-DicomFile' {
    It 'reads the bundled sample study recursively and filters by modality' {
        $ct = Get-DicomFile -Path $examples -Recurse | Where-Object Modality -eq 'CT'
        $ct.Count | Should -BeGreaterThan 0
        $ct | ForEach-Object { $_.SOPClassName | Should -Be 'CT Image Storage' }
    }

    It 'binds FileInfo objects from Get-ChildItem by property name' {
        $files = Get-ChildItem -Path $examples -Recurse -File | Select-Object -First 3
        (Get-ChildItem -Path $examples -Recurse -File | Select-Object -First 3 | Get-DicomFile).Count | Should -Be $files.Count
    }

    It 'writes a non-terminating InvalidDicomFile error for a broken file and goes on' {
        $folder = Join-Path $TestDrive 'mixed'
        New-Item -ItemType Directory -Path $folder | Out-Null
        $good = Get-ChildItem -Path $examples -Recurse -File | Select-Object -First 1
        Copy-Item $good.FullName (Join-Path $folder 'good.dcm')
        [IO.File]::WriteAllBytes((Join-Path $folder 'broken.dcm'), [byte[]](0..39 | ForEach-Object { 0 }))
        $out = Get-DicomFile -Path $folder -ErrorVariable errs -ErrorAction SilentlyContinue
        @($out).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidDicomFile,*'
    }

    It 'shows control characters of a hostile file name escaped in its ErrorRecord (no forged lines, no terminal escapes)' {
        $folder = Join-Path $TestDrive 'hostile'
        New-Item -ItemType Directory -Path $folder | Out-Null
        $hostile = Join-Path $folder ("x`nWARNING: forged " + [char]27 + "[31mred.dcm")
        [IO.File]::WriteAllBytes($hostile, [byte[]]::new(200))   # not DICOM: an InvalidDicomFile error naming the file
        Get-DicomFile -LiteralPath $hostile -ErrorVariable errs -ErrorAction SilentlyContinue | Out-Null
        @($errs).Count | Should -Be 1
        $shown = if ($errs[0].ErrorDetails) { $errs[0].ErrorDetails.Message } else { $errs[0].Exception.Message }
        $shown | Should -BeLike '*x\x0AWARNING: forged \x1B`[31mred.dcm*'
        $shown.Contains("`n") | Should -BeFalse
        $shown.Contains([string][char]27) | Should -BeFalse
    }
}

Describe 'Get-DicomFile paths and binding' {
    BeforeAll {
        $script:one = Get-ChildItem -Path $examples -Recurse -File -Filter *.dcm | Select-Object -First 1
        $script:onePatient = (Get-DicomFile -LiteralPath $script:one.FullName).PatientID
        function New-Folder {
            $f = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
            New-Item -ItemType Directory -Path $f | Out-Null
            $f
        }
    }

    It 'reads only the top folder without -Recurse' {
        $top = New-Folder
        New-Item -ItemType Directory -Path (Join-Path $top 'sub') | Out-Null
        Copy-Item -LiteralPath $script:one.FullName -Destination (Join-Path $top 'a.dcm')
        Copy-Item -LiteralPath $script:one.FullName -Destination (Join-Path $top 'sub/b.dcm')
        @(Get-DicomFile $top).Count | Should -Be 1
        @(Get-DicomFile $top -Recurse).Count | Should -Be 2
    }

    It 'pipes its output into itself by the Path property' {
        $row = Get-DicomFile -LiteralPath $script:one.FullName | Get-DicomFile -Elements | Where-Object Keyword -eq 'PatientID' | Select-Object -First 1   # the top-level one
        $row.Value | Should -Be $script:onePatient
    }

    It 'a missing path is a non-terminating PathNotFound error' {
        Get-DicomFile -Path (Join-Path (New-Folder) 'nothing-here') -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @($errs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,HamletPS.Commands.GetDicomFileCommand'
    }

    It 'binds Get-ChildItem output literally, brackets in the name included' {
        $folder = New-Folder
        Copy-Item -LiteralPath $script:one.FullName -Destination (Join-Path $folder 'scan[1].dcm')
        $out = Get-ChildItem -LiteralPath $folder | Get-DicomFile -ErrorVariable errs
        $errs | Should -BeNullOrEmpty
        $out.PatientID | Should -Be $script:onePatient
    }

    It '-LiteralPath takes brackets literally' {
        $file = Join-Path (New-Folder) 'scan[1].dcm'
        Copy-Item -LiteralPath $script:one.FullName -Destination $file
        (Get-DicomFile -LiteralPath $file).PatientID | Should -Be $script:onePatient
    }
}

Describe 'Configuration commands' {
    It 'New-HamletConfig -WhatIf writes nothing' {
        $path = Join-Path $TestDrive 'whatif/config.yaml'
        New-HamletConfig -ConfigPath $path -Site pester -WhatIf
        Test-Path $path | Should -BeFalse
    }
}
