#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The configuration commands as a user runs them
# (Get-HamletConfig, New-HamletConfig, Test-HamletConfig) for sites and CI. Inspection.Tests.ps1 keeps New-HamletConfig -WhatIf.
# Run: Invoke-Pester -Path tests/Pester/Configuration.Tests.ps1 -Output Detailed   (after `dotnet publish src/HamletPS -c Release`)

BeforeAll {
    $repo = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $version = ([xml](Get-Content (Join-Path $repo 'Directory.Build.props'))).Project.PropertyGroup.HamletVersion | Where-Object { $_ } | Select-Object -First 1
    Import-Module (Join-Path $repo "out/HamletPS/$version/HamletPS.psd1") -Force -ErrorAction Stop

    function New-TestFolder {
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $folder | Out-Null
        $folder
    }

    # A complete site (folders exist) whose config.yaml has the given lines appended.
    function New-SiteConfig([string] $Folder, [string] $Extra = '', [string] $Key = 'Abcdef123456XYZ') {
        foreach ($f in 'in', 'sorted', 'out') { New-Item -ItemType Directory -Path (Join-Path $Folder $f) -Force | Out-Null }
        $path = Join-Path $Folder 'config.yaml'
        $text = "APP:`n  SITE: testsite`n  USER: ab`nDATAPATH:`n  INCOMING: in/`n  SORTED: sorted/`n  OUTGOING: out/`n" +
                "DICOMNODE:`n  AET: HAMLET`n  PORT: 104`nCIPHER:`n  FOLDERKEY: $Key`n" + $Extra
        [IO.File]::WriteAllText($path, $text)
        $path
    }
}

Describe 'New-HamletConfig' {
    It 'writes a template that Test-HamletConfig accepts, with the key in a key file, not in the YAML' {
        $folder = New-TestFolder
        $path = Join-Path $folder 'config.yaml'
        New-HamletConfig -ConfigPath $path -Site testsite -User ab | Test-HamletConfig | Where-Object Severity -eq 'Error' | Should -BeNullOrEmpty
        Test-Path -LiteralPath (Join-Path $folder 'incoming') | Should -BeTrue
        Test-Path -LiteralPath (Join-Path $folder 'folderkey.txt') | Should -BeTrue
        ((Get-Content -LiteralPath $path -Raw) -replace '# FOLDERKEY:', '') | Should -Not -Match 'FOLDERKEY:'
    }

    It 'an existing file is a non-terminating ConfigExists error and stays as it was' {
        $path = Join-Path (New-TestFolder) 'config.yaml'
        Set-Content -LiteralPath $path -Value 'keep me' -NoNewline
        New-HamletConfig -ConfigPath $path -Site testsite -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'ConfigExists,HamletPS.Commands.NewHamletConfigCommand'
        Get-Content -LiteralPath $path -Raw | Should -Be 'keep me'
    }
}

Describe 'Get-HamletConfig' {
    It 'reads the old tool''s file unchanged from the current location, trailing separators and unknown AZURE keys included' {
        $folder = New-TestFolder
        $sep = [IO.Path]::DirectorySeparatorChar
        foreach ($f in 'incoming', 'sorted', 'outgoing') { New-Item -ItemType Directory -Path (Join-Path $folder $f) | Out-Null }
        $yaml = "APP:`n  SITE: addenbrookes`n  USER: rj`nDATAPATH:`n" +
                "  INCOMING: $(Join-Path $folder 'incoming')$sep`n  SORTED: $(Join-Path $folder 'sorted')$sep`n  OUTGOING: $(Join-Path $folder 'outgoing')$sep`n" +
                "DICOMNODE:`n  AET: HTPSCP`n  PORT: 5000`nCIPHER:`n  FOLDERKEY: Ab12Cd34Ef56Gh78Ij90`n" +
                "AZURE:`n  ACCOUNTNAME: hamletrtsample`n  SHARENAME: sample-incoming`n  SOMETHINGELSE: kept`n"
        [IO.File]::WriteAllText((Join-Path $folder 'config.yaml'), $yaml)
        $saved = $env:HAMLET_CONFIG
        Push-Location -LiteralPath $folder
        try {
            $env:HAMLET_CONFIG = $null
            $config = Get-HamletConfig
        }
        finally {
            Pop-Location
            $env:HAMLET_CONFIG = $saved
        }
        $config.App.Site | Should -Be 'addenbrookes'
        $config.DataPath.Incoming | Should -Be (Join-Path $folder 'incoming')
        $config.DicomNode.Port | Should -Be 5000
        $config.Azure.Values['SOMETHINGELSE'] | Should -Be 'kept'
    }

    It 'takes $env:HAMLET_CONFIG when no -ConfigPath is given' {
        $path = New-SiteConfig (New-TestFolder)
        $saved = $env:HAMLET_CONFIG
        try {
            $env:HAMLET_CONFIG = $path
            (Get-HamletConfig).App.Site | Should -Be 'testsite'
        }
        finally { $env:HAMLET_CONFIG = $saved }
    }

    It 'stops with InvalidConfiguration naming the file and line of malformed YAML' {
        $path = Join-Path (New-TestFolder) 'config.yaml'
        [IO.File]::WriteAllText($path, "APP:`n  SITE: x`nDATAPATH:`n  INCOMING: [unclosed`n  SORTED: y`n")
        { Get-HamletConfig -ConfigPath $path -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidConfiguration,HamletPS.Commands.GetHamletConfigCommand'
        try { Get-HamletConfig -ConfigPath $path -ErrorAction Stop } catch { $_.Exception.Message | Should -Match 'config\.yaml:\d+' }
    }
}

Describe 'Test-HamletConfig' {
    It 'reports <Case> as an error with the file and line <Line>' -ForEach @(
        @{ Case = 'an unknown section'; Extra = "DATAPTH:`n  INCOMING: x`n"; Line = 13; Key = $null; Mrn = $null; Remove = $null }
        @{ Case = 'a port out of range'; Extra = ''; Line = 10; Key = 'DICOMNODE.PORT'; Mrn = $null; Remove = $null; Port = '70000' }
        @{ Case = 'a missing folder'; Extra = ''; Line = 6; Key = 'DATAPATH.SORTED'; Mrn = $null; Remove = 'sorted' }
        @{ Case = 'a key not longer than the longest MRN'; Extra = "HAMLET:`n  PSEUDONYM: VIGENERE`n"; Line = 12; Key = 'CIPHER.FOLDERKEY'; Mrn = '123456789012345'; Remove = $null }
    ) {
        $folder = New-TestFolder
        $path = New-SiteConfig $folder $Extra
        if ($Port) { [IO.File]::WriteAllText($path, ([IO.File]::ReadAllText($path) -replace 'PORT: 104', "PORT: $Port")) }
        if ($Remove) { Remove-Item -LiteralPath (Join-Path $folder $Remove) }
        if ($Mrn) { [IO.File]::WriteAllText((Join-Path $folder 'mapping.csv'), "MRN,Study_ID`n$Mrn,180_1001`n") }
        Test-HamletConfig -ConfigPath $path -Quiet | Should -BeFalse
        $errors = @(Test-HamletConfig -ConfigPath $path | Where-Object { $_.Severity.ToString() -eq 'Error' })
        $errors.Count | Should -Be 1
        $errors[0].File | Should -Be $path
        $errors[0].Line | Should -Be $Line
        if ($Key) { $errors[0].Key | Should -Be $Key }
    }

    It 'reports malformed YAML with the file and its line' {
        $path = Join-Path (New-TestFolder) 'config.yaml'
        [IO.File]::WriteAllText($path, "APP:`n  SITE: s`n   USER: x`n  bad`n")
        $errors = @(Test-HamletConfig -ConfigPath $path | Where-Object { $_.Severity.ToString() -eq 'Error' })
        $errors[0].File | Should -Be $path
        $errors[0].Line | Should -Be 3
    }
}
