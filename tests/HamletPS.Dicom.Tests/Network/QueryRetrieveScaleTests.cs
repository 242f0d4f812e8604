using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Core.Network;
using HamletPS.Core.Retrieve;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.Network;
using HamletPS.Synthetic;
using HamletPS.TestPeers;
using Xunit;

namespace HamletPS.Dicom.Tests.Network
{
    /// <summary>Large results with flat memory and a real C-CANCEL (Orthanc), a PACS that dies in the middle of a retrieve (dcmqrscp).</summary>
    [Collection(MemoryMeasuredCollection.Name)]
    public class QueryRetrieveScaleTests
    {
        private static ScuOptions Scu(int port) => new ScuOptions { Port = port, CalledAeTitle = QueryRetrievePeers.PacsAeTitle, CallingAeTitle = "HAMLET" };

        private static DicomDataset ImagesOf(RtStudy s) => QueryRetrieveScuTests.Query(QueryRetrieveLevel.Image,
            (DicomTags.StudyInstanceUID, s.StudyInstanceUid), (DicomTags.SeriesInstanceUID, s.CtSeriesInstanceUid), (DicomTags.SOPInstanceUID, null), (DicomTags.InstanceNumber, null));

        [Fact]
        public async Task Find_TenThousandMatches_StreamWithFlatManagedMemory_AndCancelStopsALongQuery()
        {
            string folder = QueryRetrievePeers.NewFolder("qr-10k");
            RtStudy big = QueryRetrievePeers.WriteStudy(folder, 1, slices: 10000);
            // Orthanc: dcmqridx indexes in quadratic time (10,000 files take tens of minutes).
            using var pacs = new QueryRetrievePeers.Orthanc(big.Files.Where(f => f.SeriesInstanceUid == big.CtSeriesInstanceUid).Select(f => f.Path));

            long baseline = 0, atEnd = 0;
            int n = 0;
            FindResult r = await FindScu.FindAsync(Scu(pacs.Port), QueryRetrieveModel.StudyRoot, ImagesOf(big), m =>
            {
                if (++n == 100) baseline = GC.GetTotalMemory(true);
                if (n == 10000) atEnd = GC.GetTotalMemory(true);
                return true;
            }, CancellationToken.None);
            Assert.Equal(DimseStatus.Success, r.Status);
            Assert.Equal(10000, r.Matches);
            // Holding the 9,900 matches in between would take several megabytes; streaming keeps the heap where it was.
            Assert.True(atEnd - baseline < 2 * 1024 * 1024, "managed heap grew by " + (atEnd - baseline) + " bytes over 9,900 matches");

            int seen = 0;
            FindResult stopped = await FindScu.FindAsync(Scu(pacs.Port), QueryRetrieveModel.StudyRoot, ImagesOf(big), m => ++seen < 50, CancellationToken.None);
            Assert.True(stopped.Cancelled);
            Assert.Equal(50, seen);
            Assert.Equal(QueryRetrieveStatus.Cancel, stopped.Status);
        }

        [Fact]
        public async Task Get_PacsDiesMidRetrieve_LeavesOnlyCompleteFiles_AndTheNextRunFetchesTheRest()
        {
            string folder = QueryRetrievePeers.NewFolder("qr-die");
            RtStudy study = QueryRetrievePeers.WriteStudy(folder, 1, slices: 300);
            string incoming = Path.Combine(folder, "incoming");
            var peer = new DicomPeer { ComputerName = "127.0.0.1", CalledAETitle = QueryRetrievePeers.PacsAeTitle, CallingAETitle = "HAMLET" };
            var request = new DicomRetrieveRequest { StudyInstanceUID = study.StudyInstanceUid, Destination = incoming };
            int received = 0;
            using (var pacs = new QueryRetrievePeers.Dcmqrscp(study.Files.Select(f => f.Path)))
            {
                peer.Port = pacs.Port;
                var e = await Assert.ThrowsAnyAsync<Exception>(() => DicomRetriever.RetrieveAsync(peer, request, null, f =>
                {
                    if (Interlocked.Increment(ref received) == 40) pacs.Dispose();      // kill dcmqrscp and its association process
                }, null, CancellationToken.None));
                Assert.Equal("DicomAssociationAborted", QueryRetrieveError.Classify(e));
                Assert.Contains(pacs.Port.ToString(), e.Message);
            }
            string[] left = Directory.GetFiles(incoming, "*", SearchOption.AllDirectories);
            Assert.All(left, f => Assert.EndsWith(".dcm", f));                   // no partial file left behind
            Assert.InRange(left.Length, 40, study.Files.Count - 1);
            Assert.All(left, f => Assert.NotNull(DicomFile.Open(f).Dataset.GetUid(DicomTags.SOPInstanceUID)));

            using (var pacs = new QueryRetrievePeers.Dcmqrscp(study.Files.Select(f => f.Path)))
            {
                peer.Port = pacs.Port;
                DicomRetrieveSummary s = await DicomRetriever.RetrieveAsync(peer, request, null, null, null, CancellationToken.None);
                Assert.Equal(left.Length, s.AlreadyPresent);
                Assert.Equal(study.Files.Count - left.Length, s.Retrieved);
                Assert.Equal(0, s.Failed);
            }
            Assert.Equal(study.Files.Count, Directory.GetFiles(incoming).Length);
        }
    }
}
