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

Describe 'Default views escape what a sender controls' {
    BeforeAll {
        # A minimal Explicit VR Little Endian file, as raw bytes, whose Series Description and Modality hold ESC[31m and a newline.
        function Get-Element([int] $Group, [int] $Element, [string] $VR, [byte[]] $Value) {
            if ($Value.Length % 2) { $Value += [byte]$(if ($VR -eq 'UI') { 0 } else { 32 }) }
            $b = [Collections.Generic.List[byte]]::new()
            $b.AddRange([BitConverter]::GetBytes([uint16]$Group)); $b.AddRange([BitConverter]::GetBytes([uint16]$Element))
            $b.AddRange([Text.Encoding]::ASCII.GetBytes($VR))
            if ($VR -in 'OB', 'UN', 'SQ', 'UT') { $b.AddRange([byte[]](0, 0)); $b.AddRange([BitConverter]::GetBytes([uint32]$Value.Length)) }
            else { $b.AddRange([BitConverter]::GetBytes([uint16]$Value.Length)) }
            $b.AddRange($Value)
            , $b.ToArray()
        }
        function Get-Text([string] $s) { , [Text.Encoding]::ASCII.GetBytes($s) }
        $esc = [char]27
        $script:hostileValue = "SAFE${esc}[31mRED`nFORGED LINE"
        $meta = [byte[]]@((Get-Element 2 1 'OB' ([byte[]](0, 1))) + (Get-Element 2 2 'UI' (Get-Text '1.2.840.10008.5.1.4.1.1.7')) +
            (Get-Element 2 3 'UI' (Get-Text '2.25.1234567')) + (Get-Element 2 0x10 'UI' (Get-Text '1.2.840.10008.1.2.1')))
        $data = [byte[]]@((Get-Element 8 0x16 'UI' (Get-Text '1.2.840.10008.5.1.4.1.1.7')) + (Get-Element 8 0x18 'UI' (Get-Text '2.25.1234567')) +
            (Get-Element 8 0x60 'CS' (Get-Text "OT${esc}[2J")) + (Get-Element 8 0x103E 'LO' (Get-Text $script:hostileValue)) +
            (Get-Element 0x10 0x20 'LO' (Get-Text 'SYN0001')))
        $bytes = [byte[]]::new(128) + (Get-Text 'DICM') + (Get-Element 2 0 'UL' ([BitConverter]::GetBytes([uint32]$meta.Length))) + $meta + $data
        $script:hostileFile = Join-Path $TestDrive 'hostile-value.dcm'
        [IO.File]::WriteAllBytes($script:hostileFile, [byte[]]$bytes)
    }

    It 'keeps the raw value on the object for scripts' {
        $row = Get-DicomFile -LiteralPath $script:hostileFile -Elements | Where-Object Keyword -eq 'SeriesDescription'
        $row.Value | Should -BeExactly $script:hostileValue
    }

    It 'shows element values with ESC and newlines escaped in the table: no terminal escape, no forged line' {
        $rows = @(Get-DicomFile -LiteralPath $script:hostileFile -Elements)
        $text = $rows | Out-String -Width 400
        $text | Should -Not -Match ([regex]::Escape([string][char]27))
        $text | Should -Match ([regex]::Escape('SAFE\x1B[31mRED\x0AFORGED LINE'))
        $lines = @($text -split "`r?`n" | Where-Object { $_.Trim() })
        $lines.Count | Should -Be ($rows.Count + 2)   # header, underline, one line per element
    }

    It 'shows the file summary (Modality, Path) with control characters escaped' {
        $text = Get-DicomFile -LiteralPath $script:hostileFile | Out-String -Width 400
        $text | Should -Not -Match ([regex]::Escape([string][char]27))
        $text | Should -Match ([regex]::Escape('OT\x1B[2J'))
    }
}
