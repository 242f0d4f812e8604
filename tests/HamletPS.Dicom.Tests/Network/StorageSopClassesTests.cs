using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.Network;
using Xunit;
using static HamletPS.Dicom.Tests.Network.NetworkTestSupport;

namespace HamletPS.Dicom.Tests.Network
{
    /// <summary>"Accept every storage class" means the storage SOP classes of the generated UID registry, not a UID prefix.</summary>
    public class StorageSopClassesTests
    {
        [Fact]
        public void All_IsTheRegistrysStorageClasses_NotAUidBranch()
        {
            var all = StorageSopClasses.All;
            Assert.Contains(DicomUids.RTBeamsDeliveryInstructionStorage, all);      // 1.2.840.10008.5.1.4.34.7: outside 5.1.4.1.1
            Assert.Contains(DicomUids.HangingProtocolStorage, all);
            Assert.Contains("1.2.840.10008.5.1.4.1.1.5", all);                       // NM Image Storage (retired) is still a storage class
            Assert.DoesNotContain(DicomUids.ProtocolApprovalInformationModelFind, all); // 5.1.4.1.1.200.4: inside the branch, a query
            Assert.DoesNotContain(DicomUids.StorageCommitmentPushModel, all);
            Assert.DoesNotContain(DicomUids.MediaStorageDirectoryStorage, all);
            Assert.DoesNotContain(DicomUids.Verification, all);
            Assert.InRange(all.Count, 150, 400);
            // Every one is a SOP class of the registry with a "Storage" name.
            Assert.All(all, uid => Assert.Contains("Storage", DicomUids.Lookup(uid).Name));
        }

        [Fact]
        public async Task AcceptAll_StoresAClassOutsideTheOldBranch_AndRefusesAQueryClassInsideIt()
        {
            string src = NewFolder("allclasses-src");
            string instruction = WriteCt(src, NewUid(), 500, sopClassUid: DicomUids.RTBeamsDeliveryInstructionStorage);
            string query = WriteCt(src, NewUid(), 500, sopClassUid: DicomUids.ProtocolApprovalInformationModelFind);
            string rx = NewFolder("allclasses-rx");
            using (var scp = new RunningScp(new StorageScpOptions { Folder = rx, AeTitle = "HAMLET", AcceptAllStorageClasses = true }))
            {
                var results = await StorageScu.SendAsync(new ScuOptions { Port = scp.Port, CalledAeTitle = "HAMLET" }, new[] { instruction, query }, null, CancellationToken.None);
                Assert.True(results[0].Success, results[0].Error);
                Assert.False(results[1].Success);
                Assert.Contains("no presentation context", results[1].Error);
                Assert.Single(Directory.GetFiles(rx, "*.dcm"));
            }
        }
    }
}
