using System;
using System.IO;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Xml.Linq;
using Xunit;

namespace HamletPS.PowerShell.Tests
{
    public class FormatViewTests
    {
        private static string FormatFile => Path.Combine(ModuleLayout.ModuleFolder, "HamletPS.format.ps1xml");

        [Fact]
        public void FormatFile_LoadsIntoAFormatTable()
        {
            // FormatTable validates the file the way Import-Module does and throws FormatTableLoadException on any error.
            var table = new FormatTable(new[] { FormatFile });
            Assert.NotNull(table);
        }

        [Fact]
        public void EveryExportedCommand_DeclaresOutputTypes_ThatAreOurOwnPlainClasses()
        {
            using var session = new PowerShellSession();
            // One row per command: its name, then every declared output type with the assembly that defines it ('-' when the
            // type exists by name only, as a script function's PSTypeName does).
            var rows = session.Invoke(
                "Get-Command -Module HamletPS | ForEach-Object { $c = $_; " +
                "  $types = @($c.OutputType | ForEach-Object { if ($_.Type) { $_.Name + '@' + $_.Type.Assembly.GetName().Name } else { $_.Name + '@-' } }); " +
                "  $c.Name + '=' + ($types -join ';') }")
                .Select(o => o.ToString()).ToList();
            Assert.Empty(session.Errors);
            Assert.True(rows.Count >= 17, "expected every exported command, got " + rows.Count);

            foreach (string row in rows)
            {
                string command = row.Substring(0, row.IndexOf('='));
                string[] types = row.Substring(row.IndexOf('=') + 1).Split(';', StringSplitOptions.RemoveEmptyEntries);
                Assert.True(types.Length > 0, command + " declares no [OutputType]");
                foreach (string entry in types)
                {
                    string name = entry.Substring(0, entry.IndexOf('@'));
                    string assembly = entry.Substring(entry.IndexOf('@') + 1);
                    bool ours = name.StartsWith("HamletPS.") && (assembly == "HamletPS.Core" || assembly == "-");
                    bool scalar = name == "System.Boolean" && assembly == "System.Private.CoreLib";
                    Assert.True(ours || scalar, command + " outputs " + name + " from " + assembly + ": output types must be our own classes");
                }
            }
        }

        [Fact]
        public void OutputTypes_ExposeNoAzureSdkOrYamlDotNetTypeInTheirProperties()
        {
            using var session = new PowerShellSession();
            // Public properties of every cmdlet output type (and of the element type of array properties), with their assembly.
            var leaks = session.Invoke(
                "Get-Command -Module HamletPS -CommandType Cmdlet | ForEach-Object { $_.OutputType } | Where-Object { $_.Type } | " +
                "ForEach-Object { $t = $_.Type; $t.GetProperties() | ForEach-Object { $p = $_.PropertyType; if ($p.IsArray) { $p = $p.GetElementType() }; " +
                "  $a = $p.Assembly.GetName().Name; if ($a -like 'Azure*' -or $a -like 'YamlDotNet*' -or $a -eq 'HamletPS.Dicom') { $t.FullName + '.' + $_.Name + ' : ' + $p.FullName } } }")
                .Select(o => o.ToString()).ToList();
            Assert.Empty(session.Errors);
            Assert.Empty(leaks);
        }
    }
}
