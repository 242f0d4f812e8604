using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace HamletPS.PowerShell.Tests
{
    public class ModuleManifestTests
    {
        [Fact]
        public void Manifest_DeclaresBothEditionsAndPowerShell51()
        {
            using var session = new PowerShellSession(importModule: false);
            PSObject info = session.Invoke("Test-ModuleManifest -Path $args[0]", ModuleLayout.ManifestPath).Single();
            var editions = ((System.Collections.IEnumerable)info.Properties["CompatiblePSEditions"].Value).Cast<object>().Select(o => o.ToString()).ToList();
            Assert.Contains("Desktop", editions);
            Assert.Contains("Core", editions);
            Assert.Equal("5.1", info.Properties["PowerShellVersion"].Value.ToString());
        }

        [Fact]
        public void ModuleFolder_KeepsDependenciesApartFromTheCmdletAssembly()
        {
            string folder = ModuleLayout.ModuleFolder;
            var topLevelAssemblies = Directory.GetFiles(folder, "*.dll").Select(Path.GetFileName).ToList();
            Assert.Equal(new[] { "HamletPS.dll" }, topLevelAssemblies);
            foreach (string dependency in new[] { "HamletPS.Core.dll", "HamletPS.Dicom.dll", "Azure.Storage.Files.Shares.dll", "YamlDotNet.dll", "HamletPS.LoadContext.dll" })
            {
                Assert.True(File.Exists(Path.Combine(folder, "Dependencies", dependency)), dependency + " missing from Dependencies/");
            }
        }

    }
}
