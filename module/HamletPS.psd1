@{
    RootModule           = 'HamletPS.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    # Windows PowerShell 5.1 only (ignored by PowerShell 7): the engine's netstandard2.0 libraries need .NET Framework 4.7.2.
    DotNetFrameworkVersion = '4.7.2'
    GUID                 = '6f0c2d55-3b7e-4a8e-9d8b-5a1e2b3c4d51'
    Author               = 'HamletPS developers'
    CompanyName          = 'Hamlet.rt trial'
    Copyright            = '(c) HamletPS developers'
    Description          = 'Receive, sort, de-identify, archive and upload radiotherapy DICOM data for the Hamlet.rt trial without a patient identifier leaving the hospital.'
    FormatsToProcess     = @('HamletPS.format.ps1xml')
    CmdletsToExport      = @(
        'Get-DicomFile'
        'Get-DicomDoseReport'
        'Import-DicomDoseReport'
        'Get-DoseHistory'
        'Export-DoseHistory'
        'Get-HamletConfig'
        'New-HamletConfig'
        'Test-HamletConfig'
        'Protect-DicomPatient'
        'Unprotect-DicomPatient'
        'Invoke-DicomSort'
        'Invoke-HamletPipeline'
        'Get-HamletInventory'
        'New-HamletArchive'
        'New-HamletReviewReport'
        'Clear-HamletFolder'
        'Send-AzureShare'
        'Get-AzureShareItem'
        'Test-HamletShareConnection'
        'Receive-Dicom'
        'Send-Dicom'
        'Test-DicomEcho'
        'Test-HamletService'
        'Find-DicomStudy'
        'Copy-DicomStudy'
    )
    NestedModules        = @(
        'Mount-HamletShare.ps1'
    )
    FunctionsToExport    = @(
        'Mount-HamletShare'
    )
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('DICOM', 'Radiotherapy', 'Anonymisation', 'AzureFiles', 'Hamlet')
        }
    }
}
