using System;
using System.IO;
using System.Linq;
using HamletPS.Dicom.Network;
using HamletPS.Dicom.Storage;
using Xunit;
using static HamletPS.Dicom.Tests.Network.NetworkTestSupport;

namespace HamletPS.Dicom.Tests.Network
{
    /// <summary>The receiver's Linux file path: plain open/write/pread/rename calls behave like the FileStream path they replace.</summary>
    public class NativeReceivedFileTests
    {
        private static byte[] Pattern(int n) => Enumerable.Range(0, n).Select(i => (byte)(i * 7 + (i >> 9))).ToArray();

        [Fact]
        public void Writes_AreReadBackThroughTheReaderView_WithSeeks()
        {
            if (!NativeReceivedFile.IsSupported) return;
            string path = Path.Combine(NewFolder("native-file"), ".a.partial");
            byte[] data = Pattern(300_000);
            using (var f = new NativeReceivedFile(path, 64 * 1024))
            {
                f.Write(data, 0, 1000);
                f.Write(data, 1000, data.Length - 1000);
                f.Write(data, 5, 0);
                Assert.Equal(data.Length, f.Length);
                using (Stream r = f.OpenReader())
                {
                    Assert.True(r.CanSeek);
                    Assert.Equal(data.Length, r.Length);
                    r.Seek(200_000, SeekOrigin.Begin);
                    var tail = new byte[200_000];
                    int got = 0, n;
                    while ((n = r.Read(tail, got, tail.Length - got)) > 0) got += n;
                    Assert.Equal(100_000, got);
                    Assert.Equal(data.Skip(200_000), tail.Take(got));
                    r.Position = 3;
                    var head = new byte[4];
                    Assert.Equal(4, r.Read(head, 0, 4));
                    Assert.Equal(data.Skip(3).Take(4), head);
                }
                f.DataSync();
                f.WriteOut();
                f.SyncAll();
            }
            Assert.Equal(data, File.ReadAllBytes(path));
        }

        [Fact]
        public void CreatingAnExistingFile_ThrowsIOException_AndLeavesItUntouched()
        {
            if (!NativeReceivedFile.IsSupported) return;
            string path = Path.Combine(NewFolder("native-exists"), ".b.partial");
            File.WriteAllBytes(path, new byte[] { 1, 2, 3 });
            var e = Assert.Throws<IOException>(() => new NativeReceivedFile(path, 0));
            Assert.Contains("file exists", e.Message);
            Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        }

        [Fact]
        public void WrittenFileAfterDispose_RejectsWrites()
        {
            if (!NativeReceivedFile.IsSupported) return;
            string path = Path.Combine(NewFolder("native-disposed"), ".c.partial");
            var f = new NativeReceivedFile(path, 0);
            f.Dispose();
            Assert.Throws<ObjectDisposedException>(() => f.Write(new byte[1], 0, 1));
        }

        [Fact]
        public void Renames_ReplaceOrRefuse_AsThePolicyAsks()
        {
            string folder = NewFolder("native-rename");
            var fs = new LocalStorageFileSystem();
            string a = Path.Combine(folder, "a"), b = Path.Combine(folder, "b"), c = Path.Combine(folder, "c");
            File.WriteAllText(a, "A");
            File.WriteAllText(b, "B");
            File.WriteAllText(c, "C");
            Assert.False(fs.TryMoveNoReplace(a, b));                  // b exists: both stay
            Assert.Equal("A", File.ReadAllText(a));
            Assert.Equal("B", File.ReadAllText(b));
            fs.MoveReplace(a, b);                                     // replaces b atomically
            Assert.False(File.Exists(a));
            Assert.Equal("A", File.ReadAllText(b));
            Assert.True(fs.TryMoveNoReplace(c, a));                   // a is free again
            Assert.Equal("C", File.ReadAllText(a));
            Assert.False(File.Exists(c));
            Assert.ThrowsAny<IOException>(() => fs.MoveReplace(c, b));   // source gone
            Assert.Equal("A", File.ReadAllText(b));
        }
    }
}
