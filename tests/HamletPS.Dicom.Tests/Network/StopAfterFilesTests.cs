using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using HamletPS.Dicom.Network;
using Xunit;
using static HamletPS.Dicom.Tests.Network.NetworkTestSupport;

namespace HamletPS.Dicom.Tests.Network
{
    /// <summary>A receiver that stops after a file count ends its associations with a release, never an abort.</summary>
    public class StopAfterFilesTests
    {
        [Fact]
        public async Task Storescu_SendingTheCount_SeesACleanRelease_AndTheReceiverReturns()
        {
            string src = NewFolder("count-src");
            for (int i = 0; i < 3; i++) WriteCt(src, NewUid(), 2000);
            string rx = NewFolder("count-rx");
            using (var scp = new RunningScp(new StorageScpOptions { Folder = rx, AeTitle = "HAMLET", StopAfterFiles = 3 }))
            {
                var (code, output) = Run("storescu", "-v +sd -aec HAMLET 127.0.0.1 " + scp.Port + " " + src, 60000);
                Assert.True(code == 0, output);
                Assert.Contains("Releasing Association", output);
                Assert.DoesNotContain("Abort", output, StringComparison.OrdinalIgnoreCase);
                Assert.True(await Task.WhenAny(scp.Completion, Task.Delay(TimeSpan.FromSeconds(20))) == scp.Completion, "receiver did not stop after its count");
                await scp.Completion; // its failure, if it failed
                Assert.Equal(3, Directory.GetFiles(rx, "*.dcm").Length);
                lock (scp.Log) Assert.DoesNotContain(scp.Log, l => l.Contains("aborted"));
            }
        }

        [Fact]
        public async Task PeerStayingIdleAfterTheCount_GetsOurReleaseRequest_NotAnAbort()
        {
            string file = WriteCt(NewFolder("count-idle-src"), NewUid(), 2000);
            string rx = NewFolder("count-idle-rx");
            using (var scp = new RunningScp(new StorageScpOptions { Folder = rx, AeTitle = "HAMLET", StopAfterFiles = 1 }))
            {
                var rq = new AssociateRequestPdu { CalledAeTitle = "HAMLET", CallingAeTitle = "IDLE" };
                rq.PresentationContexts.Add(new PresentationContextRequestItem(1, CtImageStorage, new[] { DicomUids.ImplicitVRLittleEndian }));
                using (Association a = await Association.RequestAsync("127.0.0.1", scp.Port, rq, new AssociationOptions(), null, CancellationToken.None))
                {
                    byte[] ds = DataSetBytes(file);
                    await a.SendMessageAsync(1, DimseCommand.StoreRequest(1, CtImageStorage, FileMetaInformationProbe.Read(file).SopInstanceUid), new MemoryStream(ds), ds.Length, null, CancellationToken.None);
                    DimseMessage rsp = await a.ReceiveMessageAsync((c, x) => null, TimeSpan.FromSeconds(20), CancellationToken.None);
                    Assert.Equal(DimseStatus.Success, rsp.Command.Status);
                    // We do not release: the receiver asks for it (A-RELEASE-RQ), we answer A-RELEASE-RP: null means "released".
                    DimseMessage next = await a.ReceiveMessageAsync((c, x) => null, TimeSpan.FromSeconds(30), CancellationToken.None);
                    Assert.Null(next);
                    Assert.Null(a.AbortReason);
                }
                Assert.True(await Task.WhenAny(scp.Completion, Task.Delay(TimeSpan.FromSeconds(20))) == scp.Completion, "receiver did not stop after its count");
                await scp.Completion; // its failure, if it failed
                lock (scp.Log) Assert.Contains(scp.Log, l => l.Contains("association released"));
                lock (scp.Log) Assert.DoesNotContain(scp.Log, l => l.Contains("aborted"));
            }
        }
    }
}
