using System;
using System.IO;
using HamletPS.Generators;
using Xunit;

namespace HamletPS.Dicom.Tests
{
    public class DictionaryGeneratorTests
    {
        [Fact]
        public void GeneratedDictionaryFiles_AreCurrent()
        {
            string scratch = TestPaths.NewScratch("dictgen");
            try
            {
                var written = DictionaryGenerator.Write(TestPaths.SharedStandard, scratch);
                Assert.Equal(3, written.Count);
                foreach (var path in written)
                {
                    string name = Path.GetFileName(path);
                    string checkedIn = Path.Combine(TestPaths.RepositoryRoot, "src", "HamletPS.Dicom", "Dictionary", "Generated", name);
                    Assert.True(File.Exists(checkedIn), name + " is missing; run: " + DictionaryGenerator.Command);
                    Assert.True(File.ReadAllBytes(path).AsSpan().SequenceEqual(File.ReadAllBytes(checkedIn)),
                        name + " is stale; regenerate with: " + DictionaryGenerator.Command);
                }
            }
            finally { Directory.Delete(scratch, true); }
        }

        [Fact]
        public void Generator_IsDeterministic()
        {
            var a = DictionaryGenerator.Generate(TestPaths.SharedStandard);
            var b = DictionaryGenerator.Generate(TestPaths.SharedStandard);
            foreach (var pair in a) Assert.Equal(pair.Value, b[pair.Key]);
        }
    }
}
