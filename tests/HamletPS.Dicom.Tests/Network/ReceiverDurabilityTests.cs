using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.IO;
using HamletPS.Dicom.Network;
using HamletPS.Dicom.Storage;
using Xunit;
using static HamletPS.Dicom.Tests.Network.NetworkTestSupport;

namespace HamletPS.Dicom.Tests.Network
{
    /// <summary>Each way of making a received file durable stores the same bytes under the final name and leaves no temporary file.</summary>
    public class ReceiverDurabilityTests
    {
        [Theory]
        [InlineData(DurabilityMethod.Automatic, DuplicatePolicy.Overwrite)]
        [InlineData(DurabilityMethod.SingleCommit, DuplicatePolicy.Overwrite)]
        [InlineData(DurabilityMethod.SingleCommit, DuplicatePolicy.KeepBoth)]
        [InlineData(DurabilityMethod.SyncThenSyncFolder, DuplicatePolicy.Overwrite)]
        [InlineData(DurabilityMethod.SyncThenSyncFolder, DuplicatePolicy.Reject)]
        public async Task EveryDurabilityMethod_StoresIdenticalFiles_AndLeavesNoTemporary(DurabilityMethod method, DuplicatePolicy duplicates)
        {
            string rx = NewFolder("durable-rx");
            string src = NewFolder("durable-src");
            // 3 MB crosses the 1 MB writeback hint several times; the small one does not reach it.
            string big = WriteCt(src, NewUid(), 3 * 1024 * 1024 + 17);
            string small = WriteCt(src, NewUid(), 1000);
            var fs = new LocalStorageFileSystem { Durability = method, WritebackChunk = 1024 * 1024 };
            using (var scp = new RunningScp(new StorageScpOptions { Folder = rx, AeTitle = "HAMLET", FileSystem = fs, DuplicatePolicy = duplicates }))
            {
                var results = await StorageScu.SendAsync(new ScuOptions { Port = scp.Port, CalledAeTitle = "HAMLET" }, new[] { big, small, small }, null, CancellationToken.None);
                Assert.True(results[0].Success, results[0].Error);
                Assert.True(results[1].Success, results[1].Error);
                Assert.Equal(duplicates == DuplicatePolicy.Reject ? (ushort)0x0111 : (ushort)0, results[2].Status);
                foreach (string f in new[] { big, small })
                    Assert.Equal(DataSetBytes(f), DataSetBytes(Path.Combine(rx, FileMetaInformationProbe.Read(f).SopInstanceUid + ".dcm")));
                Assert.Equal(duplicates == DuplicatePolicy.KeepBoth ? 3 : 2, Directory.GetFiles(rx, "*.dcm").Length);
                Assert.Empty(Directory.GetFiles(rx, ".*.partial"));
            }
        }

        [Fact]
        public void FileSystemType_ReadsTheMagicNumberOfProc()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return;
            Assert.True(NativeFileSync.IsAvailable);
            Assert.Equal(0x9FA0, NativeFileSync.FileSystemType("/proc"));          // PROC_SUPER_MAGIC
            Assert.Equal(0, NativeFileSync.FileSystemType("/no/such/folder/" + Guid.NewGuid().ToString("N")));
        }

        [Fact]
        public void Ext4Journal_AgreesWithJbd2_ForTheTestFolder()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return;
            string folder = NewFolder("journal-probe");
            Assert.Null(Ext4Journal.HasJournal("/proc"));                           // not ext4
            if (NativeFileSync.FileSystemType(folder) != 0xEF53) return;
            // df names the device; jbd2 lists a journal as <device>-<inode> while it runs
            var (code, output) = Run("df", "--output=source \"" + folder + "\"");
            Assert.Equal(0, code);
            string device = Path.GetFileName(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Trim());
            bool journaled = Directory.Exists("/proc/fs/jbd2") && Directory.EnumerateDirectories("/proc/fs/jbd2").Any(d => Path.GetFileName(d).StartsWith(device + "-", StringComparison.Ordinal));
            Assert.Equal(journaled, Ext4Journal.HasJournal(folder));
            var fs = new LocalStorageFileSystem();
            Assert.Equal(journaled ? DurabilityMethod.SingleCommit : DurabilityMethod.SyncThenSyncFolder, fs.ResolvedDurability(folder));
        }

        [Fact]
        public void SyncDirectory_OfAMissingFolder_ThrowsIOException()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return;
            Assert.Throws<IOException>(() => NativeFileSync.SyncDirectory("/no/such/folder/" + Guid.NewGuid().ToString("N")));
        }
    }
}
