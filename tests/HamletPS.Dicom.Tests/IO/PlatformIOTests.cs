using System;
using System.IO;
using System.Runtime.InteropServices;
using HamletPS.Dicom.IO;
using HamletPS.Dicom.Network;
using HamletPS.Dicom.Storage;
using HamletPS.TestSupport;
using Xunit;

namespace HamletPS.Dicom.Tests
{
    /// <summary>
    /// HAMLET_PORTABLE_IO=1 (tests/run.sh runs the receive, sort, protect and archive suites a second time with it) turns every
    /// Linux-only path off, so those suites exercise the code Windows and .NET Framework run.
    /// </summary>
    public class PlatformIOTests
    {
        private const string Stat = "/usr/bin/stat"; // coreutils: reads the mode the kernel gave the file

        [Fact]
        public void LinuxFastPaths_AreOnExactlyOnLinuxWithoutThePortableSwitch()
        {
            Assert.Equal(RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && !PlatformIO.PortableRequested(), PlatformIO.LinuxFastPaths);
        }

        [Fact]
        public void WithoutLinuxFastPaths_TheReceiverWritesThroughTheFileStreamThatWindowsUses()
        {
            using var temp = new TempFolder("platformio");
            string folder = temp.Path;
            try
            {
                using (Stream s = new LocalStorageFileSystem().CreateNew(Path.Combine(folder, ".a.partial")))
                {
                    s.Write(new byte[] { 1, 2, 3 }, 0, 3);
                    if (PlatformIO.LinuxFastPaths) Assert.IsType<NativeReceivedFile>(s);
                    else Assert.IsType<DurableFileStream>(s);
                }
                Assert.Equal(PlatformIO.LinuxFastPaths, NativeFileSync.IsAvailable);
                Assert.Equal(PlatformIO.LinuxFastPaths, NativeReceivedFile.IsSupported);
                Assert.Equal(3, new FileInfo(Path.Combine(folder, ".a.partial")).Length);
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        /// <summary>The permission bits of a path in octal, as coreutils' stat prints them (the independent check).</summary>
        private static string Mode(string path)
        {
            var psi = new System.Diagnostics.ProcessStartInfo(Stat, "-c %a \"" + path + "\"") { RedirectStandardOutput = true, UseShellExecute = false };
            using (var p = System.Diagnostics.Process.Start(psi))
            {
                string output = p.StandardOutput.ReadToEnd().Trim();
                p.WaitForExit();
                Assert.Equal(0, p.ExitCode);
                return output;
            }
        }

        [Fact]
        public void CreateOwnerOnlyFile_IsMode600FromItsFirstMoment_AndRefusesAnExistingFile()
        {
            RequiredPeers.Linux("A mode-600 file and mode-700 folder from creation");
            RequiredPeers.Programs(Stat);
            string folder = Path.Combine(Path.GetTempPath(), "hamlet-owneronly-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                string path = Path.Combine(folder, "secret");
                using (FileStream f = PlatformIO.CreateOwnerOnlyFile(path))
                {
                    Assert.Equal("600", Mode(path));          // before a byte is written
                    f.Write(new byte[] { 1, 2 }, 0, 2);
                }
                Assert.Equal(2, new FileInfo(path).Length);
                var e = Assert.Throws<IOException>(() => PlatformIO.CreateOwnerOnlyFile(path));
                Assert.Contains(path, e.Message);
                Assert.Equal(2, new FileInfo(path).Length);   // the existing file is untouched
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        [Fact]
        public void CreateOwnerOnlyFolder_CreatesMissingParentsWithMode700_AndLeavesAnExistingFolderAsItIs()
        {
            RequiredPeers.Linux("A mode-600 file and mode-700 folder from creation");
            RequiredPeers.Programs(Stat);
            string root = Path.Combine(Path.GetTempPath(), "hamlet-owneronly-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(root);
            try
            {
                string inner = Path.Combine(root, "a", "b");
                PlatformIO.CreateOwnerOnlyFolder(inner);
                Assert.Equal("700", Mode(Path.Combine(root, "a")));
                Assert.Equal("700", Mode(inner));
                string before = Mode(root);
                PlatformIO.CreateOwnerOnlyFolder(root);
                Assert.Equal(before, Mode(root));
            }
            finally
            {
                Directory.Delete(root, true);
            }
        }
    }
}
