namespace HamletPS.PowerShell.Tests.Help
{
    /// <summary>
    /// A help file for an imaginary command, Get-HelpFixture, exercising every part of the layout (two parameter sets,
    /// pipeline input, wildcards, aliases, accepted values, a switch), and the PowerShell function with the same parameters
    /// that the Get-Help tests attach the generated MAML to. Not a product command: it exists only inside a test runspace.
    /// </summary>
    public static class HelpFixture
    {
        public const string CommandName = "Get-HelpFixture";

        public const string FileName = CommandName + ".md";

        public const string Markdown = @"---
external help file: HamletPS.dll-Help.xml
Module Name: HamletPS
online version: https://example.invalid/help/Get-HelpFixture
schema: 2.0.0
---

# Get-HelpFixture

## SYNOPSIS
Reads fixture items for the help generator tests.

## SYNTAX

### Path (Default)
```
Get-HelpFixture [-Path] <String[]> [-Mode <String>] [-Recurse] [<CommonParameters>]
```

### LiteralPath
```
Get-HelpFixture -LiteralPath <String[]> [-Mode <String>] [-Recurse]
 [<CommonParameters>]
```

## DESCRIPTION
The first paragraph of the description,
written over two lines.

- a list item
- another list item

The last paragraph.

## EXAMPLES

### Example 1: Read one folder
```powershell
Get-HelpFixture -Path C:\fixture
```

Reads the folder.

### Example 2: Read from the pipeline
Text before the code.

```powershell
'C:\a', 'C:\b' |
    Get-HelpFixture -Mode Full
```

Reads both folders in full.

## PARAMETERS

### -Path
Folders to read. Wildcards are expanded.

```yaml
Type: String[]
Parameter Sets: Path
Aliases: FullName

Required: True
Position: 0
Default value: None
Accept pipeline input: True (ByPropertyName, ByValue)
Accept wildcard characters: True
```

### -LiteralPath
Folders to read, used exactly as typed.

```yaml
Type: String[]
Parameter Sets: LiteralPath
Aliases: PSPath

Required: True
Position: Named
Default value: None
Accept pipeline input: True (ByPropertyName)
Accept wildcard characters: False
```

### -Mode
How much to read.

```yaml
Type: String
Parameter Sets: (All)
Aliases: None
Accepted values: Fast, Full

Required: False
Position: Named
Default value: Fast
Accept pipeline input: False
Accept wildcard characters: False
```

### -Recurse
Reads subfolders too.

```yaml
Type: SwitchParameter
Parameter Sets: (All)
Aliases: None

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
```

### CommonParameters
This cmdlet supports the common parameters.

## INPUTS

### System.String
A folder path.

## OUTPUTS

### System.IO.FileInfo
One object per item read.

## NOTES
A note for administrators.

## RELATED LINKS

[about_HamletPS](https://example.invalid/help/about_HamletPS)

Get-Command
";

        /// <summary>A PowerShell function with the parameters the markdown documents; {0} is the MAML file's full path.</summary>
        public const string FunctionTemplate = @"
function global:Get-HelpFixture {{
    <#
    .EXTERNALHELP {0}
    #>
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    param(
        [Parameter(Mandatory = $true, Position = 0, ParameterSetName = 'Path', ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [SupportsWildcards()]
        [Alias('FullName')]
        [string[]] $Path,

        [Parameter(Mandatory = $true, ParameterSetName = 'LiteralPath', ValueFromPipelineByPropertyName = $true)]
        [Alias('PSPath')]
        [string[]] $LiteralPath,

        [ValidateSet('Fast', 'Full')]
        [string] $Mode = 'Fast',

        [switch] $Recurse
    )
}}
";
    }
}
