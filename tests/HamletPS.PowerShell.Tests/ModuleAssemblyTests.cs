using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace HamletPS.PowerShell.Tests
{
    public class ModuleAssemblyTests
    {
        [Fact]
        public void CmdletAssembly_ReferencesCoreButNeverTheDicomToolkitDirectly()
        {
            // Cmdlets go through Core only: engine types are resolved in the module's private load context, and a cmdlet that named
            // a Dicom type could bind to another copy of it in the default context (then its catch clauses would never match).
            using var stream = File.OpenRead(Path.Combine(ModuleLayout.ModuleFolder, "HamletPS.dll"));
            using var pe = new PEReader(stream);
            MetadataReader reader = pe.GetMetadataReader();
            var references = reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();

            Assert.Contains("HamletPS.Core", references);
            Assert.DoesNotContain("HamletPS.Dicom", references);
            Assert.DoesNotContain("YamlDotNet", references);
            Assert.DoesNotContain(references, r => r.StartsWith("Azure."));
        }
    }
}
