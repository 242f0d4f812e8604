#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# New-HamletReviewReport as a user runs it: protect the bundled synthetic sample, write the review page of the protected
# folder, pipe it to Get-Item; the same of its archive, read in place; -WhatIf writes nothing; a folder that does not exist is a non-terminating PathNotFound.
# Needs: the laid-out module (`dotnet publish src/HamletPS -c Release`) and the bundled sample (examples/data/incoming).
# Run: Invoke-Pester -Path tests/Pester/ReviewReport.Tests.ps1 -Output Detailed

BeforeAll {
    $version = ([xml](Get-Content (Join-Path $PSScriptRoot '../../Directory.Build.props'))).Project.PropertyGroup.HamletVersion | Where-Object { $_ } | Select-Object -First 1
    Import-Module (Join-Path $PSScriptRoot "../../out/HamletPS/$version/HamletPS.psd1") -Force -ErrorAction Stop
    $script:sample = Join-Path $PSScriptRoot '../../examples/data/incoming'
    $script:key = ConvertTo-SecureString 'Synthetic0Test1Site2Key3ABCDEFGH' -AsPlainText -Force
    $script:root = Join-Path ([System.IO.Path]::GetTempPath()) ('hamlet-pester-review-' + [guid]::NewGuid().ToString('N'))
    $script:protected = Join-Path $script:root 'protected'
    Protect-DicomPatient -Path $script:sample -Destination $script:protected -VaultPath (Join-Path $script:root 'vault') -Key $script:key | Out-Null
}

AfterAll {
    Remove-Item -LiteralPath $script:root -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'New-HamletReviewReport' {
    It 'writes one self-contained page of the protected folder, piped from Get-Item' {
        $page = Join-Path $script:root 'review.html'
        $result = Get-Item -LiteralPath $script:protected | New-HamletReviewReport -OutputPath $page
        $result.Path | Should -Be $page
        $result.Instances | Should -Be @(Get-ChildItem -LiteralPath $script:protected -Recurse -File).Count
        $result.Thumbnails | Should -BeGreaterThan 0
        $html = Get-Content -LiteralPath $page -Raw
        $html | Should -Not -Match '<script'
        $html | Should -Not -Match 'https?://'
        ([regex]::Matches($html, 'data:image/png;base64,')).Count | Should -Be $result.Thumbnails
        (Get-Item -LiteralPath $result.Path).Length | Should -BeGreaterThan 0
    }

    It 'reviews the archive New-HamletArchive wrote, read in place: the same instances as the folder, nothing extracted' {
        $out = Join-Path $script:root 'out'
        $archive = New-HamletArchive -Path $script:protected -Destination $out -Site s1 -User qa -Key $script:key
        $page = Join-Path $script:root 'archive.html'
        $result = Get-Item -LiteralPath $archive.Path | New-HamletReviewReport -OutputPath $page
        $result.Archives | Should -Be 1
        $result.Instances | Should -Be @(Get-ChildItem -LiteralPath $script:protected -Recurse -File).Count
        $result.Thumbnails | Should -BeGreaterThan 0
        @(Get-ChildItem -LiteralPath $out -Recurse).Count | Should -Be 1
    }

    It 'writes nothing under -WhatIf' {
        $page = Join-Path $script:root 'whatif.html'
        New-HamletReviewReport -Path $script:protected -OutputPath $page -WhatIf | Should -BeNullOrEmpty
        Test-Path -LiteralPath $page | Should -BeFalse
    }

    It 'reports a missing folder as PathNotFound and writes nothing' {
        $page = Join-Path $script:root 'missing.html'
        New-HamletReviewReport -LiteralPath (Join-Path $script:root 'nowhere') -OutputPath $page -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound*'
        Test-Path -LiteralPath $page | Should -BeFalse
    }
}
