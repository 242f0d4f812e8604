#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Coexistence in one pwsh session: another module (standing in for powershell-yaml and Az.Accounts) loads an older YamlDotNet
# (11.2.1) and Azure.Core (1.38.0) into PowerShell's default load context first; then HamletPS is imported and used. Both
# must work ("Assembly with same name is already loaded" must never happen): HamletPS's engine uses its own newer copies
# from its private load context, and the other module keeps the older ones.
# The older packages are downloaded (dotnet restore of Support/OlderDependencies, into .tools/packages) and the other
# module is written in the test. The session is a new pwsh process, so nothing of HamletPS is loaded before the other module.
# Run: Invoke-Pester -Path tests/Pester/Coexistence.Tests.ps1 -Output Detailed   (after `./build.ps1 -Task Build`)

BeforeAll {
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $version = ([xml](Get-Content (Join-Path $repo 'Directory.Build.props'))).Project.PropertyGroup.HamletVersion | Where-Object { $_ } | Select-Object -First 1
    $script:manifest = Join-Path $repo "out/HamletPS/$version/HamletPS.psd1"
    $packages = Join-Path $repo '.tools/packages'
    & dotnet restore (Join-Path $PSScriptRoot 'Support/OlderDependencies/OlderDependencies.csproj') --packages $packages -nologo -v q | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "dotnet restore of Support/OlderDependencies failed ($LASTEXITCODE)" }
    $script:yaml = Join-Path $packages 'yamldotnet/11.2.1/lib/netstandard2.1/YamlDotNet.dll'
    $script:azureCore = Join-Path $packages 'azure.core/1.38.0/lib/net6.0/Azure.Core.dll'

    . (Join-Path $PSScriptRoot 'Support/TestFilesEndpoint.ps1')
    $script:files = Start-TestFilesEndpoint
    $script:work = Join-Path ([System.IO.Path]::GetTempPath()) ('hamlet-pester-coexist-' + [guid]::NewGuid().ToString('N'))
    $other = Join-Path $script:work 'modules/OtherYamlAzure'
    New-Item -ItemType Directory -Path $other -Force | Out-Null
    # The other module: a script module that loads its own (older) assemblies with Add-Type, as such modules do.
    Set-Content -LiteralPath (Join-Path $other 'OtherYamlAzure.psm1') -Encoding UTF8 -Value @"
Add-Type -LiteralPath '$($script:yaml)'
Add-Type -LiteralPath '$($script:azureCore)'
function ConvertFrom-OtherYaml([string] `$Text) {
    `$d = [YamlDotNet.Serialization.DeserializerBuilder]::new().Build()
    `$d.Deserialize([System.IO.StringReader]::new(`$Text))
}
function Get-OtherLocation([string] `$Name) { [Azure.Core.AzureLocation]::new(`$Name).DisplayName }
Export-ModuleMember -Function ConvertFrom-OtherYaml, Get-OtherLocation
"@
    $script:otherModule = Join-Path $other 'OtherYamlAzure.psm1'
    $script:pwsh = foreach ($name in 'pwsh', 'pwsh.exe') { $p = Join-Path $PSHOME $name; if (Test-Path -LiteralPath $p -PathType Leaf) { $p; break } }
    if (-not $script:pwsh) { $script:pwsh = (Get-Process -Id $PID).Path }
}

AfterAll {
    Stop-TestFilesEndpoint $script:files
    Remove-Item -LiteralPath $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Another module with older YamlDotNet and Azure.Core, then HamletPS, in one session' {
    It 'both work: the other module keeps its versions in the default context, HamletPS reads YAML and uploads with its own' {
        $config = Join-Path $script:work 'site/config.yaml'
        $upload = Join-Path $script:work 'coexist.zip'
        [System.IO.File]::WriteAllBytes($upload, [byte[]](1..100))
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$($script:otherModule)'
'other-yaml=' + (ConvertFrom-OtherYaml "site: first")['site']
Import-Module '$($script:manifest)'
'hamlet-config=' + (New-HamletConfig -ConfigPath '$config' -Site coexist).App.Site
'hamlet-read=' + (Get-HamletConfig -ConfigPath '$config').App.Site
'hamlet-upload=' + (Send-AzureShare -Path '$upload' -ConnectionString '$($script:files.ConnectionString)' -Share '$($script:files.Share)' -Directory coexist -LedgerPath '$(Join-Path $script:work 'ledgers')' -Confirm:`$false).Status
'other-yaml-after=' + (ConvertFrom-OtherYaml "site: again")['site']
'other-azure=' + (Get-OtherLocation 'uksouth')
foreach (`$name in 'YamlDotNet', 'Azure.Core') {
    foreach (`$a in [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq `$name }) {
        'loaded=' + `$name + '|' + `$a.GetName().Version + '|' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$a).Name
    }
}
"@
        $out = & $script:pwsh -NoProfile -NonInteractive -Command $script 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $lines = @($out | ForEach-Object { "$_" })
        $lines | Should -Contain 'other-yaml=first'
        $lines | Should -Contain 'hamlet-config=coexist'
        $lines | Should -Contain 'hamlet-read=coexist'
        $lines | Should -Contain 'hamlet-upload=Uploaded'
        $lines | Should -Contain 'other-yaml-after=again'
        $lines | Should -Contain 'other-azure=UK South'
        # The older copies stay in the default context; HamletPS's newer ones live in its own context.
        foreach ($name in 'YamlDotNet', 'Azure.Core') {
            $default = @($lines | Where-Object { $_ -like "loaded=$name|*|Default" })
            $ours = @($lines | Where-Object { $_ -like "loaded=$name|*|HamletPS" })
            $default.Count | Should -Be 1 -Because "the other module's $name"
            $ours.Count | Should -Be 1 -Because "HamletPS's own $name"
            [version]($default[0] -split '\|')[1] | Should -BeLessThan ([version]($ours[0] -split '\|')[1])
        }
        ($lines | Where-Object { $_ -like 'loaded=YamlDotNet|*|Default' }) | Should -BeLike 'loaded=YamlDotNet|11.*'
        ($lines | Where-Object { $_ -like 'loaded=Azure.Core|*|Default' }) | Should -BeLike 'loaded=Azure.Core|1.38.*'
    }
}
