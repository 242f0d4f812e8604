#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Unprotect-DicomPatient as a site runs it,
# for sites and Windows CI (Windows PowerShell 5.1 and pwsh): protect the bundled synthetic sample, restore it with the
# site key and the re-identification record, and refuse a wrong key before writing anything.
# Needs: the laid-out module (`dotnet publish src/HamletPS -c Release`) and the bundled sample (examples/data/incoming).
# Run: Invoke-Pester -Path tests/Pester/Unprotect-DicomPatient.Tests.ps1 -Output Detailed

BeforeAll {
    $version = ([xml](Get-Content (Join-Path $PSScriptRoot '../../Directory.Build.props'))).Project.PropertyGroup.HamletVersion | Where-Object { $_ } | Select-Object -First 1
    Import-Module (Join-Path $PSScriptRoot "../../out/HamletPS/$version/HamletPS.psd1") -Force -ErrorAction Stop
    $script:sample = Join-Path $PSScriptRoot '../../examples/data/incoming'
    $script:key = ConvertTo-SecureString 'Synthetic0Test1Site2Key3ABCDEFGH' -AsPlainText -Force
    $script:wrongKey = ConvertTo-SecureString 'WrongWrongWrongWrongWrong' -AsPlainText -Force
}

Describe 'Unprotect-DicomPatient' {
    BeforeEach {
        $script:root = Join-Path ([System.IO.Path]::GetTempPath()) ('hamlet-pester-unprotect-' + [guid]::NewGuid().ToString('N'))
        $script:out = Join-Path $script:root 'out'
        $script:vault = Join-Path $script:root 'vault'
        $script:restored = Join-Path $script:root 'restored'
    }

    AfterEach {
        Remove-Item -LiteralPath $script:root -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'restores the patient from the protected files piped from Get-DicomFile' {
        $protected = Protect-DicomPatient -Path $script:sample -Destination $script:out -VaultPath $script:vault -Key $script:key
        $protected | ForEach-Object { $_.Status.ToString() } | Should -Not -Contain 'Failed'
        $record = @(Get-ChildItem -LiteralPath $script:vault -Filter *.hpv)
        $record.Count | Should -Be 1

        $back = Get-DicomFile -Path $script:out -Recurse | Unprotect-DicomPatient -Destination $script:restored -VaultPath $record[0].FullName -Key $script:key -ErrorVariable errs
        $errs | Should -BeNullOrEmpty
        @($back).Count | Should -Be @($protected).Count
        $back | ForEach-Object { $_.Status.ToString() | Should -Be 'Restored' }
    }

    It 'restores every file element for element from a record folder of two runs' {
        $folders = @(Get-ChildItem -LiteralPath $script:sample -Directory)
        $files = @(Get-ChildItem -LiteralPath $script:sample -Recurse -File)
        $first = @($files | Where-Object { $_.DirectoryName -eq $files[0].DirectoryName })
        $rest = @($files | Where-Object { $_.DirectoryName -ne $files[0].DirectoryName })
        $first | Protect-DicomPatient -Destination $script:out -VaultPath $script:vault -Key $script:key | Out-Null
        if ($rest.Count -gt 0) { $rest | Protect-DicomPatient -Destination $script:out -VaultPath $script:vault -Key $script:key | Out-Null }
        @(Get-ChildItem -LiteralPath $script:vault -Filter *.hpv).Count | Should -Be $(if ($rest.Count -gt 0) { 2 } else { 1 })

        $back = Unprotect-DicomPatient -Path $script:out -Destination $script:restored -VaultPath $script:vault -Key $script:key -ErrorVariable errs -WarningVariable warns
        $errs | Should -BeNullOrEmpty
        $warns | Should -BeNullOrEmpty
        @($back).Count | Should -Be $files.Count
        $originals = @{}
        Get-DicomFile -Path $script:sample -Recurse | ForEach-Object { $originals[$_.SOPInstanceUID] = $_ }
        foreach ($r in $back) {
            $r.Status.ToString() | Should -Be 'Restored'
            $now = Get-DicomFile -LiteralPath $r.DestinationPath
            $was = $originals[$now.SOPInstanceUID]
            $was | Should -Not -BeNullOrEmpty
            foreach ($name in 'PatientID', 'PatientName', 'StudyInstanceUID', 'StudyDate') { "$($now.$name)" | Should -Be "$($was.$name)" }
        }
    }

    It 'refuses a wrong key with VaultKeyMismatch before writing anything (record folder and single record)' {
        Protect-DicomPatient -Path $script:sample -Destination $script:out -VaultPath $script:vault -Key $script:key | Out-Null
        $record = (Get-ChildItem -LiteralPath $script:vault -Filter *.hpv | Select-Object -First 1).FullName

        foreach ($vaultPath in $script:vault, $record) {
            { Unprotect-DicomPatient -Path $script:out -Destination $script:restored -VaultPath $vaultPath -Key $script:wrongKey -ErrorAction Stop } |
                Should -Throw -ErrorId 'VaultKeyMismatch,HamletPS.Commands.UnprotectDicomPatientCommand'
            Test-Path -LiteralPath $script:restored | Should -BeFalse
        }
    }
}
