using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.Network;
using HamletPS.Synthetic;
using Xunit;
using static HamletPS.Dicom.Tests.Network.NetworkTestSupport;

namespace HamletPS.Dicom.Tests.Network
{
    /// <summary>
    /// A deflated C-STORE is inflated by the receiver's check only within DicomReadOptions.MaxInflatedLength and read past
    /// rather than held: a bomb gets C000 and costs the receiver a few megabytes, whatever it inflates to.
    /// </summary>
    [Collection(MemoryMeasuredCollection.Name)]
    public class ReceivedDeflateBombTests
    {
        private const long MiB = 1024 * 1024;

        [Fact]
        public async Task DeflateBombs_GetC000_WithBoundedReceiverMemory_AndNothingIsStored()
        {
            string rx = NewFolder("bomb-rx");
            string src = NewFolder("bomb-src");
            string oneUid = NewUid(), manyUid = NewUid();
            // a value declared larger than the inflation limit, and 480 MB of legal 60 KB values (past the 256 MiB limit)
            byte[] one = HostileDicom.WriteDeflateBombOneValue(Path.Combine(src, "one.dcm"), oneUid, 0x60000000u, 512 * MiB);
            byte[] many = HostileDicom.WriteDeflateBombManyValues(Path.Combine(src, "many.dcm"), manyUid, 8000, 60000);
            Assert.True(one.Length < 2 * MiB && many.Length < 2 * MiB);

            using (var scp = new RunningScp(new StorageScpOptions { Folder = rx, AeTitle = "HAMLET" }))
            {
                var rq = new AssociateRequestPdu { CalledAeTitle = "HAMLET", CallingAeTitle = "BOMBER" };
                rq.PresentationContexts.Add(new PresentationContextRequestItem(1, HostileDicom.SopClassUid, new[] { DicomUids.DeflatedExplicitVRLittleEndian }));
                using (Association a = await Association.RequestAsync("127.0.0.1", scp.Port, rq, new AssociationOptions(), null, CancellationToken.None))
                {
                    Assert.True(a.Contexts[1].IsAccepted);
                    foreach (var (uid, body) in new[] { (oneUid, one), (manyUid, many) })
                    {
                        GC.Collect();
                        GC.WaitForPendingFinalizers();
                        long before = GC.GetTotalAllocatedBytes(true);
                        await a.SendMessageAsync(1, DimseCommand.StoreRequest(1, HostileDicom.SopClassUid, uid), new MemoryStream(body), body.Length, null, CancellationToken.None);
                        DimseMessage rsp = await a.ReceiveMessageAsync((c, x) => null, TimeSpan.FromSeconds(120), CancellationToken.None);
                        long allocated = GC.GetTotalAllocatedBytes(true) - before;
                        Assert.Equal(DimseStatus.CannotUnderstand, rsp.Command.Status);
                        Assert.StartsWith("data set cannot be parsed at byte", rsp.Command.ErrorComment);
                        Assert.True(allocated < 32 * MiB, "the receiver allocated " + allocated / MiB + " MiB for one bomb");
                    }
                    await a.ReleaseAsync(CancellationToken.None);
                }
                Assert.Empty(Directory.GetFiles(rx));
            }
        }
    }
}
