#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# What a user sees in a real console: every output type's default view (Out-String), Format-List, Export-Csv and
# ConvertTo-Json; tab completion through TabExpansion2; Get-Help as text; -Verbose/-Debug; -ErrorAction Stop; Remove-Module
# then Import-Module again. One real run of every command on a copy of the bundled synthetic sample gives the objects.
# Run: Invoke-Pester -Path tests/Pester/Console.Tests.ps1 -Output Detailed   (after `./build.ps1 -Task Build`)

BeforeDiscovery {
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $version = ([xml](Get-Content (Join-Path $repo 'Directory.Build.props'))).Project.PropertyGroup.HamletVersion | Where-Object { $_ } | Select-Object -First 1
    $module = Join-Path $repo "out/HamletPS/$version"
    # One case per view of the format file: the type and the column (or list item) labels a user reads.
    $views = foreach ($view in ([xml](Get-Content -LiteralPath (Join-Path $module 'HamletPS.format.ps1xml') -Raw)).Configuration.ViewDefinitions.View) {
        $labels = if ($view.TableControl) {
            $headers = @($view.TableControl.TableHeaders.TableColumnHeader)
            $items = @($view.TableControl.TableRowEntries.TableRowEntry.TableColumnItems.TableColumnItem)
            for ($i = 0; $i -lt $headers.Count; $i++) { if ($headers[$i].Label) { $headers[$i].Label } else { $items[$i].PropertyName } }
        }
        else {
            foreach ($item in $view.ListControl.ListEntries.ListEntry.ListItems.ListItem) { if ($item.Label) { $item.Label } else { $item.PropertyName } }
        }
        @{ Type = [string]$view.ViewSelectedBy.TypeName; Labels = @($labels); IsTable = [bool]$view.TableControl }
    }
    # Every parameter with a fixed set of values (ValidateSet or an enum type): TabExpansion2 must offer exactly those.
    Import-Module (Join-Path $module 'HamletPS.psd1') -Force
    $choices = foreach ($command in Get-Command -Module HamletPS) {
        foreach ($parameter in $command.Parameters.Values) {
            if ($parameter.Name -in [System.Management.Automation.Cmdlet]::CommonParameters) { continue }
            $set = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
            $type = $parameter.ParameterType
            if ($type.IsArray) { $type = $type.GetElementType() }
            $values = if ($set) { @($set.ValidValues) } elseif ($type.IsEnum) { [enum]::GetNames($type) } else { $null }
            if ($values) { @{ Command = $command.Name; Parameter = $parameter.Name; Values = $values } }
        }
    }
    $commands = @((Get-Command -Module HamletPS).Name)
}

BeforeAll {
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $version = ([xml](Get-Content (Join-Path $repo 'Directory.Build.props'))).Project.PropertyGroup.HamletVersion | Where-Object { $_ } | Select-Object -First 1
    $script:manifest = Join-Path $repo "out/HamletPS/$version/HamletPS.psd1"
    Import-Module $script:manifest -Force -ErrorAction Stop
    . (Join-Path $PSScriptRoot 'Support/TestFilesEndpoint.ps1')
    $script:files = Start-TestFilesEndpoint
    $examples = Join-Path $repo 'examples'
    $script:work = Join-Path ([System.IO.Path]::GetTempPath()) ('hamlet-pester-console-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:work | Out-Null

    function New-SampleSite([string] $Name) {
        $root = Join-Path $script:work $Name
        New-Item -ItemType Directory -Path (Join-Path $root 'data') -Force | Out-Null
        Copy-Item -LiteralPath (Join-Path $examples 'config.yaml'), (Join-Path $examples 'mapping.csv') -Destination $root
        Copy-Item -LiteralPath (Join-Path $examples 'data/incoming') -Destination (Join-Path $root 'data') -Recurse
        [pscustomobject]@{ Root = $root; Config = Join-Path $root 'config.yaml'; Incoming = Join-Path $root 'data/incoming' }
    }
    function Get-FreePort {
        $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $l.Start(); $port = $l.LocalEndpoint.Port; $l.Stop(); $port
    }

    # One object list per output type (full type name), from real runs.
    $o = @{}
    function Add-Output([object[]] $Objects) {
        foreach ($x in $Objects) {
            if ($null -eq $x) { continue }
            $name = if ($x.PSObject.TypeNames[0] -eq 'HamletPS.ShareMount') { 'HamletPS.ShareMount' } else { $x.GetType().FullName }
            if (-not $o.ContainsKey($name)) { $o[$name] = [System.Collections.Generic.List[object]]::new() }
            if ($o[$name].Count -lt 3) { $o[$name].Add($x) }
        }
    }
    $a = New-SampleSite 'a'
    $firstFile = (Get-ChildItem -LiteralPath $a.Incoming -Recurse -File | Select-Object -First 1).FullName
    Add-Output (Get-DicomFile -Path $a.Incoming -Recurse)
    Add-Output (Get-DicomFile -LiteralPath $firstFile -Elements)
    Add-Output (Get-HamletConfig -ConfigPath $a.Config)
    $bad = Join-Path $script:work 'bad.yaml'
    Set-Content -LiteralPath $bad -Value "APP:`n  SITE: x`nDICOMNODE:`n  PORT: 70000"
    Add-Output (Test-HamletConfig -ConfigPath $bad)
    $sorted = Join-Path $a.Root 'sorted'
    Add-Output (Invoke-DicomSort -Path $a.Incoming -Destination $sorted -Copy -SettleSeconds 0)
    $protected = Join-Path $a.Root 'protected'
    $vault = Join-Path $a.Root 'vault'
    Add-Output (Protect-DicomPatient -Path $sorted -Destination $protected -VaultPath $vault -ConfigPath $a.Config)   # the site key seals the files for New-HamletArchive
    Add-Output (Unprotect-DicomPatient -Path $protected -Destination (Join-Path $a.Root "restored") -VaultPath $vault -ConfigPath $a.Config)
    Add-Output (New-HamletReviewReport -Path $protected -OutputPath (Join-Path $a.Root 'review.html'))
    $archive = New-HamletArchive $protected -ConfigPath $a.Config -Destination (Join-Path $a.Root 'out')
    Add-Output $archive
    Add-Output (Send-AzureShare -Path $archive.Path -ConnectionString $script:files.ConnectionString -Share $script:files.Share -Directory console -LedgerPath (Join-Path $a.Root 'ledgers') -Confirm:$false)
    New-Item -ItemType Directory -Path (Join-Path $a.Root 'mounted') | Out-Null
    Add-Output (Send-AzureShare -LiteralPath $archive.Path -Destination (Join-Path $a.Root 'mounted') -Confirm:$false)
    Add-Output (Get-AzureShareItem -ConnectionString $script:files.ConnectionString -Share $script:files.Share -Directory console)
    $b = New-SampleSite 'b'
    Add-Output (Invoke-HamletPipeline -ConfigPath $b.Config -SettleSeconds 0)
    Add-Output (Clear-HamletFolder -ConfigPath $b.Config -Confirm:$false -PassThru -WarningAction SilentlyContinue)
    Add-Output (Test-HamletService -ConfigPath $a.Config -Check Incoming)
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try {
        Add-Output (Test-HamletShareConnection -ComputerName 127.0.0.1 -Port $listener.LocalEndpoint.Port -TimeoutSeconds 3)
        Add-Output (Mount-HamletShare hamletrttest incoming -ComputerName 127.0.0.1 -Port $listener.LocalEndpoint.Port -MountPoint (Join-Path $script:work 'mnt') -DriveLetter Q -WhatIf 6>$null)
    }
    finally { $listener.Stop() }
    # The receiver in a runspace of its own, Send-Dicom and Test-DicomEcho against it.
    $port = Get-FreePort
    $sample = (Get-ChildItem -LiteralPath $a.Incoming -Directory | Select-Object -First 1).FullName
    $count = @(Get-ChildItem -LiteralPath $sample -Recurse -File).Count
    $rx = [powershell]::Create()
    $null = $rx.AddScript('param($m, $f, $p, $n) Import-Module $m; Receive-Dicom -Path $f -Port $p -Count $n -Confirm:$false').
        AddArgument($script:manifest).AddArgument((Join-Path $script:work 'received')).AddArgument($port).AddArgument($count)
    $handle = $rx.BeginInvoke()
    $deadline = [DateTime]::UtcNow.AddSeconds(20)
    while ([DateTime]::UtcNow -lt $deadline) {
        try { $c = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $port); $c.Dispose(); break } catch { Start-Sleep -Milliseconds 100 }
    }
    Add-Output (Test-DicomEcho -ComputerName 127.0.0.1 -Port $port -CalledAETitle HAMLETPS)
    Add-Output (Send-Dicom -Path $sample -Recurse -ComputerName 127.0.0.1 -Port $port -CalledAETitle HAMLETPS -Confirm:$false)
    Add-Output ($rx.EndInvoke($handle))
    $rx.Dispose()
    # Dose reports written by pydicom (tests/run.sh installs it), read by Get-DicomDoseReport.
    # Debian's python3 (python3-pydicom, which tests/run.sh installs), not whatever python3 PATH finds first.
    $python = if (Test-Path -LiteralPath /usr/bin/python3) { '/usr/bin/python3' } else { (Get-Command python3 -ErrorAction Stop).Source }
    $doseFolder = Join-Path $script:work 'dose'
    New-Item -ItemType Directory -Path $doseFolder | Out-Null
    & $python (Join-Path $repo 'tests/HamletPS.Dicom.Tests/Oracles/make_rdsr.py') ct (Join-Path $doseFolder 'ct.dcm') 1
    Add-Output (Get-DicomDoseReport -Path $doseFolder)
    # The dose history of those reports (a key keys the patient as Protect would).
    $doseDb = Join-Path $script:work 'dose-history.sqlite'
    $doseKey = ConvertTo-SecureString 'console-test-site-secret' -AsPlainText -Force
    Add-Output (Import-DicomDoseReport -Path $doseFolder -DatabasePath $doseDb -Key $doseKey -Confirm:$false)
    Add-Output (Get-DoseHistory -DatabasePath $doseDb)
    Add-Output (Get-DoseHistory -DatabasePath $doseDb -Summary)
    Add-Output (Export-DoseHistory -Path (Join-Path $script:work 'dose.xlsx') -DatabasePath $doseDb -Confirm:$false)
    Add-Output (Export-DoseHistory -ChartPath (Join-Path $script:work 'dose-charts') -DatabasePath $doseDb -Confirm:$false)
    # A query answered by dcmtk's dcmqrscp (tests/run.sh installs dcmtk) over the received sample.
    $db = Join-Path $script:work 'qrdb'
    New-Item -ItemType Directory -Path $db | Out-Null
    $i = 0
    $copies = foreach ($f in Get-ChildItem -LiteralPath $sample -Recurse -File) { $t = Join-Path $db "f$i.dcm"; Copy-Item -LiteralPath $f.FullName $t; $t; $i++ }
    & dcmqridx $db @copies
    $qrPort = Get-FreePort
    $cfg = Join-Path $script:work 'dcmqrscp.cfg'
    @("NetworkTCPPort = $qrPort", 'MaxPDUSize = 16384', 'MaxAssociations = 16', 'HostTable BEGIN', 'HostTable END',
      'VendorTable BEGIN', 'VendorTable END', 'AETable BEGIN', "QRSCP `"$db`" RW (500, 1024mb) ANY", 'AETable END') | Set-Content $cfg
    $pacs = Start-Process dcmqrscp -ArgumentList '-c', $cfg, $qrPort -PassThru
    try {
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        while ([DateTime]::UtcNow -lt $deadline) { try { ([System.Net.Sockets.TcpClient]::new('127.0.0.1', $qrPort)).Dispose(); break } catch { Start-Sleep -Milliseconds 50 } }
        Add-Output (Find-DicomStudy -ComputerName 127.0.0.1 -Port $qrPort -CalledAETitle QRSCP -PatientID '*')
        Add-Output (Get-HamletInventory -ConfigPath $b.Config -ComputerName 127.0.0.1 -Port $qrPort -CalledAETitle QRSCP)   # site b was processed
    }
    finally { Stop-Process -Id $pacs.Id -Force -ErrorAction SilentlyContinue }
    $script:outputs = $o
}

AfterAll {
    Stop-TestFilesEndpoint $script:files
    Remove-Item -LiteralPath $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Default views' {
    It '<Type> shows its view''s columns through Out-String, not the type name' -ForEach $views {
        $objects = $script:outputs[$Type]
        $objects | Should -Not -BeNullOrEmpty -Because "a real run produced no $Type"
        $text = $objects | Out-String -Width 400
        foreach ($label in $Labels) { $text | Should -Match ([regex]::Escape($label)) -Because "the $Type view has the column $label" }
        $text | Should -Not -Match ([regex]::Escape($Type))
        if ($IsTable) { ($text -split "`n" | Where-Object { $_ -match '^\s*-{2,}' }).Count | Should -Be 1 -Because 'one table, not a list of objects' }
    }

    It '<Type> shows with Format-List: every public property, or its list view''s items' -ForEach $views {
        $objects = $script:outputs[$Type]
        $text = $objects | Format-List | Out-String -Width 400
        $names = if ($IsTable) { $objects[0].PSObject.Properties.Name } else { $Labels }
        foreach ($name in $names) { $text | Should -Match "(?m)^$([regex]::Escape($name))\s*:" }
        $text | Should -Not -Match ([regex]::Escape($Type))
    }

    It '<Type> exports to CSV, one row per object with a header of its properties' -ForEach $views {
        $objects = $script:outputs[$Type]
        $csv = Join-Path $script:work ("$Type.csv")
        $objects | Export-Csv -LiteralPath $csv -NoTypeInformation
        $rows = Import-Csv -LiteralPath $csv
        @($rows).Count | Should -Be @($objects).Count
        @($rows[0].PSObject.Properties.Name) | Should -Be @($objects[0].PSObject.Properties.Name)
    }

    It '<Type> converts to JSON without a cycle or a large graph' -ForEach $views {
        $objects = $script:outputs[$Type]
        foreach ($x in $objects) {
            # A cycle (or an SDK object graph) runs into the depth limit: ConvertTo-Json then warns that it truncated.
            $json = $x | ConvertTo-Json -Depth 6 -WarningVariable truncated -WarningAction SilentlyContinue
            $truncated | Should -BeNullOrEmpty
            $json.Length | Should -BeLessThan 32KB
            ($json | ConvertFrom-Json) | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'Tab completion' {
    It 'TabExpansion2 offers exactly <Values> for <Command> -<Parameter>' -ForEach $choices {
        $line = "$Command -$Parameter "
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        @($offered | Sort-Object) | Should -Be @($Values | Sort-Object)
    }

    Context 'Protect-DicomPatient -Profile' {
        BeforeAll {
            $script:profiles = Join-Path $script:work 'profiles-here'
            New-Item -ItemType Directory -Path (Join-Path $script:profiles 'more') -Force | Out-Null
            Set-Content -LiteralPath (Join-Path $script:profiles 'strict.yaml') -Value 'name: strict'
            Set-Content -LiteralPath (Join-Path $script:profiles 'loose.yml') -Value 'name: loose'
            Set-Content -LiteralPath (Join-Path $script:profiles 'notes.txt') -Value 'not a profile'
            function Get-Completion([string] $Line) {
                Push-Location -LiteralPath $script:profiles
                try { @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText) } finally { Pop-Location }
            }
        }

        It 'offers the built-in profiles, the YAML files and the folders of the current location, nothing else' {
            $offered = Get-Completion 'Protect-DicomPatient -Profile '
            $offered | Should -Contain 'hamlet-rt'
            $offered | Should -Contain 'basic'
            $offered | Should -Contain 'strict.yaml'
            $offered | Should -Contain 'loose.yml'
            ($offered | ForEach-Object { $_.TrimEnd('/', '\') }) | Should -Contain 'more'
            $offered -join ' ' | Should -Not -Match 'notes\.txt'
        }

        It 'offers only what starts with the typed prefix' {
            Get-Completion 'Protect-DicomPatient -Profile ba' | Should -Be @('basic')
            Get-Completion 'Protect-DicomPatient -Profile st' | Should -Be @('strict.yaml')
        }
    }
}

Describe 'Help as text' {
    It 'Get-Help <_> -Full, -Examples and -Parameter render the sections a user reads' -ForEach $commands {
        $full = Get-Help $_ -Full | Out-String -Width 200
        foreach ($section in 'NAME', 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'PARAMETERS', 'INPUTS', 'OUTPUTS') { $full | Should -Match "(?m)^\s*$section\s*$" }
        $full | Should -Match '-+ Example 1: '
        $full | Should -Match '-+ Example 2: '
        $full | Should -Not -Match 'Get-Help cannot find'
        $examples = Get-Help $_ -Examples | Out-String -Width 200
        $examples | Should -Match '-+ Example 1: '
        $examples | Should -Match ([regex]::Escape($_))
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        foreach ($name in (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin $common }) {
            $text = Get-Help $_ -Parameter $name | Out-String -Width 200
            $text | Should -Match "-$name\b"
            $text | Should -Match 'Required\?'
        }
    }

    It 'about_HamletPS renders and names every command' {
        $text = Get-Help about_HamletPS | Out-String -Width 200
        $text | Should -Match 'about_HamletPS'
        foreach ($name in (Get-Command -Module HamletPS).Name) { $text | Should -Match ([regex]::Escape($name)) }
    }
}

Describe 'Verbose, debug and errors' {
    It '-Verbose tells where Send-AzureShare sends and what Test-HamletShareConnection found' {
        $f = Join-Path $script:work 'verbose.zip'
        [System.IO.File]::WriteAllBytes($f, [byte[]](1..200))
        $verbose = Send-AzureShare -Path $f -ConnectionString $script:files.ConnectionString -Share $script:files.Share -Directory verbose -LedgerPath (Join-Path $script:work 'ledgers') -Confirm:$false -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match "Sending to .*$([regex]::Escape($script:files.Share))"
        ($verbose.Message -join "`n") | Should -Not -Match 'AccountKey'
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $records = Test-HamletShareConnection -ComputerName 127.0.0.1 -Port $listener.LocalEndpoint.Port -TimeoutSeconds 3 -Verbose 4>&1
            @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
        }
        finally { $listener.Stop() }
    }

    It '-Debug neither prompts nor changes the output of a non-interactive run' {
        $sample = Join-Path $repo 'examples/data/incoming'
        $plain = Get-DicomFile -Path $sample -Recurse | ForEach-Object Path
        $debug = Get-DicomFile -Path $sample -Recurse -Debug 5>$null | ForEach-Object Path
        $debug | Should -Be $plain
    }

    It '-ErrorAction Stop makes <Command>''s per-input error a catchable terminating error with the same ErrorId <ErrorId>' -ForEach @(
        @{ Command = 'Get-DicomFile'; ErrorId = 'InvalidDicomFile,HamletPS.Commands.GetDicomFileCommand'; Arguments = { param($broken, $port, $sample) @{ LiteralPath = $broken } } }
        @{ Command = 'Test-DicomEcho'; ErrorId = 'DicomEchoFailed,HamletPS.Commands.TestDicomEchoCommand'; Arguments = { param($broken, $port, $sample) @{ ComputerName = '127.0.0.1'; Port = $port; TimeoutSeconds = 5 } } }
        @{ Command = 'Send-Dicom'; ErrorId = 'DicomSendFailed,HamletPS.Commands.SendDicomCommand'; Arguments = { param($broken, $port, $sample) @{ Path = $sample; Recurse = $true; ComputerName = '127.0.0.1'; Port = $port; TimeoutSeconds = 5; Confirm = $false; WarningAction = 'SilentlyContinue' } } }
    ) {
        $broken = Join-Path $script:work 'broken.dcm'
        [System.IO.File]::WriteAllBytes($broken, [byte[]]::new(40))
        $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $l.Start(); $closed = $l.LocalEndpoint.Port; $l.Stop()
        $a = & $Arguments $broken $closed (Join-Path $repo 'examples/data/incoming/export-01')
        & $Command @a -ErrorVariable soft -ErrorAction SilentlyContinue | Out-Null
        $soft[0].FullyQualifiedErrorId | Should -Be $ErrorId
        $caught = $null
        $after = $false
        try { & $Command @a -ErrorAction Stop | Out-Null; $after = $true } catch { $caught = $_ }
        $after | Should -BeFalse -Because 'the script stops at the error'
        $caught.FullyQualifiedErrorId | Should -Be $ErrorId
    }
}

Describe 'Module lifetime' {
    It 'Remove-Module then Import-Module again in the same session: the commands go, come back and work' {
        $sample = Join-Path $repo 'examples/data/incoming'
        $before = @(Get-DicomFile -Path $sample -Recurse).Count
        Remove-Module HamletPS
        Get-Module HamletPS | Should -BeNullOrEmpty
        Get-Command Get-DicomFile -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Import-Module $script:manifest -ErrorAction Stop
        @(Get-DicomFile -Path $sample -Recurse).Count | Should -Be $before
        (Get-HamletConfig -ConfigPath (Join-Path $repo 'examples/config.yaml')).App.Site | Should -Be 'samplesite'
        (Get-Command Mount-HamletShare).ModuleName | Should -Be 'HamletPS'
    }
}
