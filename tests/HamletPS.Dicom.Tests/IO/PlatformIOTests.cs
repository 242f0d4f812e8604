using System;
using System.IO;
using System.Runtime.InteropServices;
using HamletPS.Dicom.IO;
using HamletPS.Dicom.Network;
using Xunit;

namespace HamletPS.Dicom.Tests
{
    /// <summary>
    /// HAMLET_PORTABLE_IO=1 (tests/run.sh runs the receive, sort, protect and archive suites a second time with it) turns every
    /// Linux-only path off, so those suites exercise the code Windows and .NET Framework run.
    /// </summary>
    public class PlatformIOTests
    {
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
    }
}
