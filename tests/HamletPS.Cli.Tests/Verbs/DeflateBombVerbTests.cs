using System;
using System.IO;
using HamletPS.Cli.Verbs;
using HamletPS.Core.Deidentification;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>
    /// `hamlet inspect` and `hamlet protect` refuse a deflate bomb (half a megabyte that declares 1.5 GiB and inflates to 512 MiB)
    /// with an error naming the file and the byte offset, in bounded memory, and write nothing for it.
    /// </summary>
    [Collection(MemoryMeasuredCollection.Name)]
    public sealed class DeflateBombVerbTests : ScratchFolderTest
    {
        private const long MiB = 1024 * 1024;
        private const string SiteKey = "Synthetic0Test1Site2Key3ABCDEFGH";

        public DeflateBombVerbTests() : base("hamlet-bomb-") => Directory.CreateDirectory(Root);

        private string WriteBomb()
        {
            string folder = Path.Combine(Root, "in");
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, "bomb.dcm");
            HostileDicom.WriteDeflateBombOneValue(path, "2.25.31337", 0x60000000u, 512 * MiB);
            return path;
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Inspect_RefusesTheBomb_WithFileAndOffset_InBoundedMemory(bool elements)
        {
            string bomb = WriteBomb();
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int exit = 0;
            long allocated = Allocated(() => exit = InspectVerb.Run(new[] { bomb }, false, null, elements, false, new CliOutput(stdout, stderr), 1));
            Assert.Equal(1, exit);
            Assert.Contains(bomb + ": byte offset ", stderr.ToString());
            Assert.Contains("limit of " + 256 * MiB + " bytes", stderr.ToString());
            Assert.True(allocated < 64 * MiB, "inspect allocated " + allocated / MiB + " MiB");
        }

        [Fact]
        public void Protect_RefusesTheBomb_WithFileAndOffset_InBoundedMemory_AndWritesNothing()
        {
            string bomb = WriteBomb();
            string output = Path.Combine(Root, "out");
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int exit = 0;
            long allocated = Allocated(() => exit = ProtectVerbs.RunProtect(new[] { bomb }, null,
                new ProtectionRequest { Destination = output, VaultPath = Path.Combine(Root, "vault"), Key = SiteKey.ToCharArray() }, false,
                new CliOutput(stdout, stderr)));
            Assert.NotEqual(0, exit);
            Assert.Contains("byte offset", stderr.ToString());
            Assert.DoesNotContain("ArgumentException", stderr.ToString());
            Assert.DoesNotContain(HostileDicom.PatientId, stdout.ToString() + stderr.ToString());
            Assert.True(!Directory.Exists(output) || Directory.GetFiles(output, "*.dcm", SearchOption.AllDirectories).Length == 0);
            Assert.True(allocated < 64 * MiB, "protect allocated " + allocated / MiB + " MiB");
        }

        private static long Allocated(Action action)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long before = GC.GetTotalAllocatedBytes(true);
            action();
            return GC.GetTotalAllocatedBytes(true) - before;
        }
    }
}
