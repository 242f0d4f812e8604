using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.Network;
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
        public void SyncDirectory_OfAMissingFolder_ThrowsIOException()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return;
            Assert.Throws<IOException>(() => NativeFileSync.SyncDirectory("/no/such/folder/" + Guid.NewGuid().ToString("N")));
        }
    }
}
