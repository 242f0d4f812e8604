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
        public void FormatFile_HasAViewForEveryOutputTypeOfEveryCmdlet()
        {
            var viewTypes = XDocument.Load(FormatFile).Descendants("ViewSelectedBy").Elements("TypeName").Select(e => e.Value.Trim()).ToHashSet();
            using var session = new PowerShellSession();
            var outputTypes = session.Invoke(
                "Get-Command -Module HamletPS -CommandType Cmdlet | ForEach-Object { $_.OutputType } | ForEach-Object { $_.Name } | Where-Object { $_ -like 'HamletPS.*' }")
                .Select(o => o.ToString()).Distinct().ToList();

            Assert.NotEmpty(outputTypes);
            var missing = outputTypes.Where(t => !viewTypes.Contains(t)).ToList();
            Assert.True(missing.Count == 0, "no view in HamletPS.format.ps1xml for: " + string.Join(", ", missing));
        }
    }
}
