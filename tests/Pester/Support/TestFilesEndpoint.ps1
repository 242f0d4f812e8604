# The Azure Files endpoint the share tests upload to. Dot-source it in a BeforeAll, then call Start-TestFilesEndpoint:
#   - $env:HAMLET_TEST_FILES_CONNECTION_STRING set (a throw-away storage account, or an endpoint started elsewhere): that one,
#     with the share named by $env:HAMLET_TEST_FILES_SHARE (default 'incoming'), which must exist;
#   - otherwise the local endpoint of tests/HamletPS.AzureFilesEndpoint (the one the xunit tests use), started in this
#     process on 127.0.0.1 with a share 'incoming'. It is built with the solution (tests/run.sh, build.ps1); a missing build
#     is a failure naming the file to build, never a skip.
# The result: ConnectionString, Share, and Endpoint (the local endpoint object, or $null); Stop-TestFilesEndpoint disposes it.

function Start-TestFilesEndpoint {
    $share = if ($env:HAMLET_TEST_FILES_SHARE) { $env:HAMLET_TEST_FILES_SHARE } else { 'incoming' }
    if ($env:HAMLET_TEST_FILES_CONNECTION_STRING) {
        return [pscustomobject]@{ ConnectionString = $env:HAMLET_TEST_FILES_CONNECTION_STRING; Share = $share; Endpoint = $null }
    }
    if (-not ('HamletPS.AzureFilesEndpoint.AzureFilesEndpoint' -as [type])) {
        $project = Join-Path $PSScriptRoot '../../HamletPS.AzureFilesEndpoint'
        $configurations = if ($env:HAMLET_TEST_CONFIGURATION) { @($env:HAMLET_TEST_CONFIGURATION) } else { @('Release', 'Debug') }
        $dll = $configurations | ForEach-Object { Join-Path $project "bin/$_/net10.0/HamletPS.AzureFilesEndpoint.dll" } |
            Where-Object { Test-Path -LiteralPath $_ } | Select-Object -First 1
        if (-not $dll) {
            throw "The local Azure Files endpoint is not built ($project/bin/Release/net10.0/HamletPS.AzureFilesEndpoint.dll): run 'dotnet build tests/HamletPS.AzureFilesEndpoint -c Release' (tests/run.sh and build.ps1 build it), or set HAMLET_TEST_FILES_CONNECTION_STRING."
        }
        # Its one package dependency sits beside it (CopyLocalLockFileAssemblies); load it first so the endpoint resolves it.
        Add-Type -LiteralPath (Join-Path (Split-Path $dll) 'System.IO.Hashing.dll')
        Add-Type -LiteralPath $dll
    }
    $endpoint = [HamletPS.AzureFilesEndpoint.AzureFilesEndpoint]::Start('devacct', [HamletPS.AzureFilesEndpoint.AzureFilesEndpoint]::DefaultAccountKey, [NullString]::Value)
    $endpoint.CreateShare($share)
    [pscustomobject]@{ ConnectionString = $endpoint.ConnectionString; Share = $share; Endpoint = $endpoint }
}

function Stop-TestFilesEndpoint($Files) {
    if ($Files -and $Files.Endpoint) { $Files.Endpoint.Dispose() }
}
