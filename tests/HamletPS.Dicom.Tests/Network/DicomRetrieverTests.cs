using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Core.Network;
using HamletPS.Core.Retrieve;
using HamletPS.Synthetic;
using HamletPS.TestPeers;
using Xunit;
using static HamletPS.Dicom.Tests.Network.NetworkTestSupport;

namespace HamletPS.Dicom.Tests.Network
{
    /// <summary>The Core query and retrieve workflow (DicomFinder, DicomRetriever) against dcmqrscp and Orthanc.</summary>
    public class DicomRetrieverTests : IClassFixture<QueryRetrieveStudies>
    {
        private readonly QueryRetrieveStudies _data;

        public DicomRetrieverTests(QueryRetrieveStudies data) => _data = data;

        private static DicomPeer Peer(int port, string callingAe = "HAMLET") => new DicomPeer
        {
            ComputerName = "127.0.0.1",
            Port = port,
            CalledAETitle = QueryRetrievePeers.PacsAeTitle,
            CallingAETitle = callingAe,
            TimeoutSeconds = 30,
        };

        private static async Task<List<DicomQueryResult>> Find(DicomPeer peer, DicomQuery q)
        {
            var list = new List<DicomQueryResult>();
            int n = await DicomFinder.FindAsync(peer, q, r => { list.Add(r); return true; }, CancellationToken.None);
            Assert.Equal(list.Count, n);
            return list;
        }

        [Fact]
        public async Task Finder_SeriesLevelWithoutStudyUid_FindsStudiesFirstAndFiltersModality()
        {
            RtStudy study = _data.Studies[0];
            string patientId = QueryRetrieveStudies.Read(study.Files[0].Path).GetString(Dicom.Dictionary.DicomTags.PatientID);
            using var pacs = new QueryRetrievePeers.Dcmqrscp(_data.Files);
            var series = await Find(Peer(pacs.Port), new DicomQuery { Level = DicomQueryLevel.Series, PatientID = patientId, Modality = { "RTPLAN", "RTDOSE" } });
            Assert.Equal(new[] { "RTDOSE", "RTPLAN" }, series.Select(s => s.Modality).OrderBy(m => m));
            Assert.All(series, s => Assert.Equal(study.StudyInstanceUid, s.StudyInstanceUID));
            Assert.All(series, s => Assert.Equal(pacs.Port, s.Port));
        }

        [Fact]
        public async Task Finder_PatientLevel_UsesPatientRootAndDecodesLatin1()
        {
            using var pacs = new QueryRetrievePeers.Dcmqrscp(_data.Files);
            var patients = await Find(Peer(pacs.Port), new DicomQuery { Level = DicomQueryLevel.Patient, PatientName = "MÜLLER*" });
            Assert.StartsWith("MÜLLER-SYNTH^", Assert.Single(patients).PatientName);
        }

        [Fact]
        public async Task Finder_UnknownReturnKey_IsAnArgumentErrorBeforeConnecting()
        {
            var e = await Assert.ThrowsAsync<ArgumentException>(() => DicomFinder.FindAsync(Peer(FreePort()), new DicomQuery { ReturnKeys = { "NoSuchKeyword" } }, r => true, CancellationToken.None));
            Assert.Contains("NoSuchKeyword", e.Message);
        }

        [Fact]
        public async Task Retriever_Get_RunTwiceAfterLosingFiles_FetchesOnlyTheMissingOnes()
        {
            RtStudy study = _data.Studies[0];
            using var pacs = new QueryRetrievePeers.Dcmqrscp(_data.Files);
            string incoming = NewFolder("retr-get");
            var files = new List<ReceivedDicomFile>();
            var failures = new List<DicomRetrieveFailure>();
            var request = new DicomRetrieveRequest { StudyInstanceUID = study.StudyInstanceUid, Destination = incoming };
            DicomRetrieveSummary first = await DicomRetriever.RetrieveAsync(Peer(pacs.Port), request, null, files.Add, failures.Add, CancellationToken.None);
            Assert.Empty(failures);
            Assert.Equal(study.Files.Count, first.Instances);
            Assert.Equal(study.Files.Count, first.Retrieved);
            Assert.Equal(study.Files.Select(f => f.SopInstanceUid).OrderBy(x => x), files.Select(f => f.SOPInstanceUID).OrderBy(x => x));
            Assert.All(files, f => Assert.Equal(Path.Combine(incoming, f.SOPInstanceUID + ".dcm"), f.Path));

            File.Delete(Path.Combine(incoming, study.PlanSopInstanceUid + ".dcm"));
            File.Delete(Path.Combine(incoming, study.Files[0].SopInstanceUid + ".dcm"));
            files.Clear();
            DicomRetrieveSummary second = await DicomRetriever.RetrieveAsync(Peer(pacs.Port), request, null, files.Add, failures.Add, CancellationToken.None);
            Assert.Empty(failures);
            Assert.Equal(2, second.Retrieved);
            Assert.Equal(study.Files.Count - 2, second.AlreadyPresent);
            Assert.Equal(new[] { study.PlanSopInstanceUid, study.Files[0].SopInstanceUid }.OrderBy(x => x), files.Select(f => f.SOPInstanceUID).OrderBy(x => x));
            Assert.Equal(study.Files.Count, Directory.GetFiles(incoming, "*.dcm").Length);

            DicomRetrieveSummary third = await DicomRetriever.RetrieveAsync(Peer(pacs.Port), request, null, files.Add, failures.Add, CancellationToken.None);
            Assert.Equal(0, third.Retrieved);
            Assert.Equal(study.Files.Count, third.AlreadyPresent);
        }

        [Fact]
        public async Task Retriever_StudyThePacsDoesNotHave_ReportsDicomInstanceNotFound()
        {
            using var pacs = new QueryRetrievePeers.Dcmqrscp(_data.Files);
            var failures = new List<DicomRetrieveFailure>();
            DicomRetrieveSummary s = await DicomRetriever.RetrieveAsync(Peer(pacs.Port), new DicomRetrieveRequest { StudyInstanceUID = "1.2.3.4.5.6.7", Destination = NewFolder("retr-none") },
                null, null, failures.Add, CancellationToken.None);
            Assert.Equal("DicomInstanceNotFound", Assert.Single(failures).Reason);
            Assert.Equal(0, s.Retrieved);
        }

        [Fact]
        public async Task Retriever_MoveWithOwnReceiver_WritesTheStudyIntoIncoming()
        {
            RtStudy study = _data.Studies[1];
            int rxPort = FreePort();
            using var pacs = new QueryRetrievePeers.Dcmqrscp(_data.Files, new[] { ("HAMLETRX", rxPort) });
            string incoming = NewFolder("retr-move");
            var files = new List<ReceivedDicomFile>();
            var failures = new List<DicomRetrieveFailure>();
            var progress = new List<DicomRetrieveProgress>();
            DicomRetrieveSummary s = await DicomRetriever.RetrieveAsync(Peer(pacs.Port), new DicomRetrieveRequest
            {
                StudyInstanceUID = study.StudyInstanceUid, Destination = incoming, UseMove = true, MoveDestination = "HAMLETRX", ReceiverPort = rxPort,
            }, new SyncProgress<DicomRetrieveProgress>(p => { lock (progress) progress.Add(p); }), f => { lock (files) files.Add(f); }, failures.Add, CancellationToken.None);
            Assert.Empty(failures);
            Assert.Equal("C-MOVE", s.Method);
            Assert.Equal(study.Files.Count, s.Retrieved);
            Assert.Equal(study.Files.Select(f => f.SopInstanceUid + ".dcm").OrderBy(x => x), Directory.GetFiles(incoming).Select(Path.GetFileName).OrderBy(x => x));
            Assert.Equal(study.Files.Count, progress.Last().Completed);
        }

        [Fact]
        public async Task Retriever_MoveToAnAeThePacsDoesNotKnow_SaysWhatToDeclareOnThePacs()
        {
            using var pacs = new QueryRetrievePeers.Dcmqrscp(_data.Files);
            var e = await Assert.ThrowsAsync<MoveDestinationUnknownException>(() => DicomRetriever.RetrieveAsync(Peer(pacs.Port), new DicomRetrieveRequest
            {
                StudyInstanceUID = _data.Studies[0].StudyInstanceUid, Destination = NewFolder("retr-refused"), UseMove = true, MoveDestination = "STRANGER", ReceiverPort = FreePort(),
            }, null, null, null, CancellationToken.None));
            Assert.Contains("'STRANGER'", e.Message);
            Assert.Contains("DicomModalities", e.Message);
            Assert.Equal("MoveDestinationUnknown", QueryRetrieveError.Classify(e));
        }

        [Fact]
        public async Task Orthanc_FindGetAndMove_StudyArrivesBothWays()
        {
            RtStudy study = _data.Studies[2];
            int rxPort = FreePort();
            using var pacs = new QueryRetrievePeers.Orthanc(study.Files.Select(f => f.Path), new[] { ("HAMLETRX", rxPort) });
            var studies = await Find(Peer(pacs.Port), new DicomQuery { PatientName = "MÜLLER*" });
            DicomQueryResult match = Assert.Single(studies);
            Assert.Equal(study.StudyInstanceUid, match.StudyInstanceUID);
            Assert.StartsWith("MÜLLER-SYNTH^", match.PatientName);

            var series = await Find(Peer(pacs.Port), new DicomQuery { Level = DicomQueryLevel.Series, StudyInstanceUID = match.StudyInstanceUID });
            Assert.Equal(study.Files.Select(f => f.SeriesInstanceUid).Distinct().Count(), series.Count);

            string viaGet = NewFolder("orthanc-get");
            var failures = new List<DicomRetrieveFailure>();
            DicomRetrieveSummary got = await DicomRetriever.RetrieveAsync(Peer(pacs.Port), new DicomRetrieveRequest { StudyInstanceUID = match.StudyInstanceUID, Destination = viaGet }, null, null, failures.Add, CancellationToken.None);
            Assert.Empty(failures);
            Assert.Equal(study.Files.Count, got.Retrieved);
            foreach (RtStudyFile f in study.Files) QueryRetrieveScuTests.AssertSameValues(f.Path, Path.Combine(viaGet, f.SopInstanceUid + ".dcm"));

            string viaMove = NewFolder("orthanc-move");
            DicomRetrieveSummary moved = await DicomRetriever.RetrieveAsync(Peer(pacs.Port), new DicomRetrieveRequest
            {
                StudyInstanceUID = match.StudyInstanceUID, Destination = viaMove, UseMove = true, MoveDestination = "HAMLETRX", ReceiverPort = rxPort,
            }, null, null, failures.Add, CancellationToken.None);
            Assert.Empty(failures);
            Assert.Equal(study.Files.Count, moved.Retrieved);
            Assert.Equal(study.Files.Count, Directory.GetFiles(viaMove, "*.dcm").Length);
        }
    }
}
