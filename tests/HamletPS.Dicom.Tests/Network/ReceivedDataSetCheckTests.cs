using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using HamletPS.Dicom.Network;
using Xunit;
using static HamletPS.Dicom.Tests.Network.NetworkTestSupport;

namespace HamletPS.Dicom.Tests.Network
{
    /// <summary>The receiver parses what it received before it makes it durable: garbage gets a C-range status and leaves nothing.</summary>
    public class ReceivedDataSetCheckTests
    {
        [Fact]
        public async Task GarbageDataSet_GetsC000WithShortComment_NoFileIsLeft_AndTheAssociationGoesOn()
        {
            string rx = NewFolder("garbage");
            string good = WriteCt(NewFolder("garbage-src"), NewUid(), 3000);
            using (var scp = new RunningScp(new StorageScpOptions { Folder = rx, AeTitle = "HAMLET" }))
            {
                var rq = new AssociateRequestPdu { CalledAeTitle = "HAMLET", CallingAeTitle = "RAW" };
                rq.PresentationContexts.Add(new PresentationContextRequestItem(1, CtImageStorage, new[] { DicomUids.ImplicitVRLittleEndian }));
                using (Association a = await Association.RequestAsync("127.0.0.1", scp.Port, rq, new AssociationOptions(), null, CancellationToken.None))
                {
                    // An HTTP request where an Implicit VR LE data set belongs: tag (4547,2054), length 0x5448202F.
                    byte[] garbage = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("GET /index.html HTTP/1.1\r\nHost: x\r\n", 200)));
                    string uid = NewUid();
                    DimseCommand response = await Store(a, uid, garbage);
                    Assert.Equal(DimseStatus.CannotUnderstand, response.Status);
                    Assert.InRange(response.ErrorComment.Length, 1, 64);
                    Assert.StartsWith("data set cannot be parsed", response.ErrorComment);

                    // The data set of another instance under this command's UID: A900.
                    byte[] other = DataSetBytes(good);
                    DimseCommand mismatch = await Store(a, NewUid(), other);
                    Assert.Equal(DimseStatus.DataSetDoesNotMatchSopClass, mismatch.Status);
                    Assert.InRange(mismatch.ErrorComment.Length, 1, 64);

                    // The same association still stores a good one.
                    DimseCommand ok = await Store(a, FileMetaInformationProbe.Read(good).SopInstanceUid, other);
                    Assert.Equal(DimseStatus.Success, ok.Status);
                    await a.ReleaseAsync(CancellationToken.None);
                }
                Assert.Equal(new[] { FileMetaInformationProbe.Read(good).SopInstanceUid + ".dcm" }, Directory.GetFiles(rx).Select(Path.GetFileName).ToArray());
                lock (scp.Files)
                {
                    Assert.Equal(3, scp.Files.Count);
                    Assert.Equal(new ushort[] { 0xC000, 0xA900, 0 }, scp.Files.Select(f => f.Status).ToArray());
                    Assert.All(scp.Files.Take(2), f => Assert.False(f.Stored));
                }
            }
        }

        [Fact]
        public async Task CheckCanBeTurnedOff_GarbageIsThenStoredAsReceived()
        {
            string rx = NewFolder("garbage-off");
            using (var scp = new RunningScp(new StorageScpOptions { Folder = rx, AeTitle = "HAMLET", CheckDataSets = false }))
            {
                var rq = new AssociateRequestPdu { CalledAeTitle = "HAMLET", CallingAeTitle = "RAW" };
                rq.PresentationContexts.Add(new PresentationContextRequestItem(1, CtImageStorage, new[] { DicomUids.ImplicitVRLittleEndian }));
                using (Association a = await Association.RequestAsync("127.0.0.1", scp.Port, rq, new AssociationOptions(), null, CancellationToken.None))
                {
                    DimseCommand response = await Store(a, NewUid(), Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\n\r\n"));
                    Assert.Equal(DimseStatus.Success, response.Status);
                    await a.ReleaseAsync(CancellationToken.None);
                }
                Assert.Single(Directory.GetFiles(rx, "*.dcm"));
            }
        }

        private static async Task<DimseCommand> Store(Association a, string sopInstanceUid, byte[] dataSet)
        {
            await a.SendMessageAsync(1, DimseCommand.StoreRequest(1, CtImageStorage, sopInstanceUid), new MemoryStream(dataSet), dataSet.Length, null, CancellationToken.None);
            DimseMessage rsp = await a.ReceiveMessageAsync((c, x) => null, TimeSpan.FromSeconds(20), CancellationToken.None);
            return rsp.Command;
        }
    }
}
