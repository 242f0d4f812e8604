#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The module as PowerShell shows it: manifest, exports, verbs, pipeline input per parameter set, help, format views, and the
# example, Pester and build scripts parse with approved verbs; for sites and CI (pwsh; Windows PowerShell 5.1).
# Run: Invoke-Pester -Path tests/Pester/Module.Tests.ps1 -Output Detailed

BeforeDiscovery {
    # -ForEach data is evaluated at discovery, before any BeforeAll runs: the command names come from the manifest here.
    $version = ([xml](Get-Content (Join-Path $PSScriptRoot '../../Directory.Build.props'))).Project.PropertyGroup.HamletVersion | Where-Object { $_ } | Select-Object -First 1
    $data = Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot "../../out/HamletPS/$version/HamletPS.psd1")
    $cmdlets = @($data.CmdletsToExport)
    $commands = @($data.CmdletsToExport) + @($data.FunctionsToExport)
    $scripts = @(
        Get-ChildItem (Join-Path $PSScriptRoot '../../examples') -Filter *.ps1 -Recurse
        Get-ChildItem $PSScriptRoot -Filter *.ps1 -Recurse
        Get-Item (Join-Path $PSScriptRoot '../../build.ps1'))
}

BeforeAll {
    $version = ([xml](Get-Content (Join-Path $PSScriptRoot '../../Directory.Build.props'))).Project.PropertyGroup.HamletVersion | Where-Object { $_ } | Select-Object -First 1
    $script:manifest = Join-Path $PSScriptRoot "../../out/HamletPS/$version/HamletPS.psd1"
    Import-Module $script:manifest -Force -ErrorAction Stop
    $script:approved = (Get-Verb).Verb
}

Describe 'Module manifest' {
    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $script:manifest -ErrorAction Stop } | Should -Not -Throw
    }

    It 'exports exactly CmdletsToExport plus the script functions' {
        $data = Import-PowerShellDataFile -Path $script:manifest
        $expected = @($data.CmdletsToExport) + @($data.FunctionsToExport) | Sort-Object
        (Get-Command -Module HamletPS).Name | Sort-Object | Should -Be $expected
    }

    It 'uses approved verbs only' {
        Get-Command -Module HamletPS | Where-Object { $_.Verb -notin $script:approved } | Should -BeNullOrEmpty
    }

    It 'has a pipeline parameter in every parameter set of <_>' -ForEach $cmdlets {
        foreach ($set in (Get-Command $_).ParameterSets) {
            @($set.Parameters | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName }).Count | Should -BeGreaterThan 0 -Because "$_ set $($set.Name)"
        }
    }
}

Describe 'Help' {
    It 'Get-Help <_> -Full has a synopsis, a description, every parameter and two examples' -ForEach $commands {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        $help.Synopsis | Should -Not -BeLike "$_*" -Because 'a synopsis that starts with the name is the generated syntax-only help (docs/cmdlets/<name>.md missing?)'
        $documented = @($help.Parameters.Parameter.Name)
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $real = @((Get-Command $_).Parameters.Keys | Where-Object { $_ -notin $common })
        foreach ($name in $real) { $documented | Should -Contain $name }
        $all = @((Get-Command $_).Parameters.Keys)
        foreach ($name in $documented) { $all | Should -Contain $name -Because "help documents -$name" }
        foreach ($p in $help.Parameters.Parameter) { ($p.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$($p.Name) needs a description" }
        foreach ($e in $help.Examples.Example) { $e.Code.Trim() | Should -Not -BeNullOrEmpty -Because "example $($e.Title)" }
        ($help | Out-String -Width 300) | Should -Not -Match '\{\{' -Because 'template placeholders ({{ ... }}) are left'
    }

    It 'has the about_HamletPS topic' {
        $text = Get-Help about_HamletPS | Out-String
        $text | Should -Match 'about_HamletPS'
        $text | Should -Match 'LONG DESCRIPTION'
        $text | Should -Match 'mapping\.csv'
    }
}

Describe 'Format views' {
    It 'loads the format file with a table view for every output type' {
        $types = Get-Command -Module HamletPS -CommandType Cmdlet | ForEach-Object { $_.OutputType.Name } | Where-Object { $_ -like 'HamletPS.*' } | Sort-Object -Unique
        foreach ($type in $types) {
            Get-FormatData -TypeName $type | Should -Not -BeNullOrEmpty -Because $type
        }
    }
}

Describe 'Example and Pester scripts' {
    It '<_> parses without errors, and its name and functions use approved verbs' -ForEach $scripts {
        $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($_.FullName, [ref]$null, [ref]$errors)
        $errors | Should -BeNullOrEmpty
        if ($_.BaseName -like '*-*') { $_.BaseName.Split('-')[0] | Should -BeIn $script:approved }
        foreach ($f in $ast.FindAll({ param($a) $a -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $true)) {
            $f.Name.Split('-')[0] | Should -BeIn $script:approved
        }
    }
}
