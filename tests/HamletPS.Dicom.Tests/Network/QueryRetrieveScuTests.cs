using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.Network;
using HamletPS.Synthetic;
using HamletPS.TestPeers;
using Xunit;
using static HamletPS.Dicom.Tests.Network.NetworkTestSupport;

namespace HamletPS.Dicom.Tests.Network
{
    /// <summary>Three synthetic RT studies (one with a Latin-1 name) and their files, shared by the query/retrieve tests.</summary>
    public sealed class QueryRetrieveStudies
    {
        public QueryRetrieveStudies()
        {
            string folder = NewFolder("qr-studies");
            Studies = new[]
            {
                QueryRetrievePeers.WriteStudy(folder, 1),
                QueryRetrievePeers.WriteStudy(folder, 2),
                QueryRetrievePeers.WriteStudy(folder, 3, familyName: "MÜLLER-SYNTH"),
            };
        }

        public RtStudy[] Studies { get; }

        public IEnumerable<string> Files => Studies.SelectMany(s => s.Files.Select(f => f.Path));

        public static DicomDataset Read(string path) => DicomFile.Open(path).Dataset;
    }

    /// <summary>C-FIND, C-GET and C-MOVE SCU against dcmtk's dcmqrscp (its own config and database, built by the test).</summary>
    public class QueryRetrieveScuTests : IClassFixture<QueryRetrieveStudies>
    {
        private readonly QueryRetrieveStudies _data;

        public QueryRetrieveScuTests(QueryRetrieveStudies data) => _data = data;

        private static ScuOptions Scu(int port) => new ScuOptions { Port = port, CalledAeTitle = QueryRetrievePeers.PacsAeTitle, CallingAeTitle = "HAMLET" };

        internal static DicomDataset Query(QueryRetrieveLevel level, params (DicomTag Tag, string Value)[] keys)
        {
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 100");
            ds.AddOrUpdate(DicomTags.QueryRetrieveLevel, QueryRetrieveSopClasses.LevelText(level));
            foreach (var (tag, value) in keys) ds.AddOrUpdate(tag, value ?? string.Empty);
            return ds;
        }

        /// <summary>IMAGE level within the CT series (dcmqrscp wants the higher levels' unique keys, as the hierarchical model says).</summary>
        private static DicomDataset CtImages(RtStudy study) => Query(QueryRetrieveLevel.Image,
            (DicomTags.StudyInstanceUID, study.StudyInstanceUid), (DicomTags.SeriesInstanceUID, study.CtSeriesInstanceUid), (DicomTags.SOPInstanceUID, null));

        /// <summary>The same top-level values (sequences: same item count): the PACS may re-encode lengths, never values.</summary>
        internal static void AssertSameValues(string expectedPath, string actualPath)
        {
            DicomDataset e = QueryRetrieveStudies.Read(expectedPath), a = QueryRetrieveStudies.Read(actualPath);
            foreach (DicomElement x in e)
            {
                DicomElement y = a.GetElement(x.Tag);
                Assert.True(y != null, x.Tag + " missing");
                if (x is DicomSequence sx) Assert.Equal(sx.Items.Count, ((DicomSequence)y).Items.Count);
                else Assert.True(x.GetBytes().SequenceEqual(y.GetBytes()), x.Tag + " differs");
            }
        }

        private static async Task<List<DicomDataset>> FindAll(ScuOptions scu, QueryRetrieveModel model, DicomDataset query)
        {
            var list = new List<DicomDataset>();
            FindResult r = await FindScu.FindAsync(scu, model, query, m => { list.Add(m); return true; }, CancellationToken.None);
            Assert.Equal(DimseStatus.Success, r.Status);
            Assert.Equal(list.Count, r.Matches);
            return list;
        }

        [Fact]
        public async Task Find_StudyRootStudyLevel_MatchesPatientIdAndReturnsRequestedKeys()
        {
            RtStudy study = _data.Studies[1];
            DicomDataset ct = QueryRetrieveStudies.Read(study.Files[0].Path);
            using var pacs = new QueryRetrievePeers.Dcmqrscp(_data.Files);
            var matches = await FindAll(Scu(pacs.Port), QueryRetrieveModel.StudyRoot, Query(QueryRetrieveLevel.Study,
                (DicomTags.PatientID, ct.GetString(DicomTags.PatientID)), (DicomTags.StudyInstanceUID, null), (DicomTags.StudyDate, null), (DicomTags.AccessionNumber, null)));
            DicomDataset m = Assert.Single(matches);
            Assert.Equal(study.StudyInstanceUid, m.GetUid(DicomTags.StudyInstanceUID));
            Assert.Equal(ct.GetString(DicomTags.StudyDate), m.GetString(DicomTags.StudyDate));
            Assert.Equal(ct.GetString(DicomTags.AccessionNumber), m.GetString(DicomTags.AccessionNumber));
        }

        [Fact]
        public async Task Find_PatientRootPatientLevel_WildcardNameMatchesAndLatin1NameDecodes()
        {
            using var pacs = new QueryRetrievePeers.Dcmqrscp(_data.Files);
            var matches = await FindAll(Scu(pacs.Port), QueryRetrieveModel.PatientRoot, Query(QueryRetrieveLevel.Patient,
                (DicomTags.PatientName, "MÜLLER*"), (DicomTags.PatientID, null)));
            DicomDataset m = Assert.Single(matches);
            Assert.StartsWith("MÜLLER-SYNTH^", m.GetString(DicomTags.PatientName));
            DicomDataset source = QueryRetrieveStudies.Read(_data.Studies[2].Files[0].Path);
            Assert.Equal(source.GetString(DicomTags.PatientID), m.GetString(DicomTags.PatientID));
        }

        [Fact]
        public async Task Find_Iso2022Ir87Name_IsDecodedFromTheResponsesOwnCharacterSet()
        {
            string folder = NewFolder("qr-jis");
            RtStudy jp = QueryRetrievePeers.WriteStudy(folder, 9, familyName: "ﾔﾏﾀﾞ=山田=やまだ", characterSet: "ISO 2022 IR 13\\ISO 2022 IR 87");
            DicomDataset source = QueryRetrieveStudies.Read(jp.Files[0].Path);
            string expected = source.GetString(DicomTags.PatientName);
            Assert.Contains("山田", expected);
            using var pacs = new QueryRetrievePeers.Dcmqrscp(jp.Files.Select(f => f.Path));
            var matches = await FindAll(Scu(pacs.Port), QueryRetrieveModel.StudyRoot, Query(QueryRetrieveLevel.Study,
                (DicomTags.PatientID, source.GetString(DicomTags.PatientID)), (DicomTags.PatientName, null), (DicomTags.StudyInstanceUID, null)));
            Assert.Equal(expected, Assert.Single(matches).GetString(DicomTags.PatientName));
        }

        [Fact]
        public async Task Find_SeriesAndImageLevels_ListEverySeriesAndInstanceOfTheStudy()
        {
            RtStudy study = _data.Studies[0];
            using var pacs = new QueryRetrievePeers.Dcmqrscp(_data.Files);
            var series = await FindAll(Scu(pacs.Port), QueryRetrieveModel.StudyRoot, Query(QueryRetrieveLevel.Series,
                (DicomTags.StudyInstanceUID, study.StudyInstanceUid), (DicomTags.SeriesInstanceUID, null), (DicomTags.Modality, null)));
            Assert.Equal(study.Files.Select(f => f.SeriesInstanceUid).Distinct().OrderBy(x => x), series.Select(s => s.GetUid(DicomTags.SeriesInstanceUID)).OrderBy(x => x));
            Assert.Contains(series, s => s.GetString(DicomTags.Modality) == "RTPLAN");

            var images = await FindAll(Scu(pacs.Port), QueryRetrieveModel.StudyRoot, Query(QueryRetrieveLevel.Image,
                (DicomTags.StudyInstanceUID, study.StudyInstanceUid), (DicomTags.SeriesInstanceUID, study.CtSeriesInstanceUid), (DicomTags.SOPInstanceUID, null)));
            Assert.Equal(study.Files.Where(f => f.SeriesInstanceUid == study.CtSeriesInstanceUid).Select(f => f.SopInstanceUid).OrderBy(x => x),
                images.Select(s => s.GetUid(DicomTags.SOPInstanceUID)).OrderBy(x => x));
        }

        [Fact]
        public async Task Find_StudyDateRange_MatchesOnlyStudiesInTheRange()
        {
            using var pacs = new QueryRetrievePeers.Dcmqrscp(_data.Files);
            var all = await FindAll(Scu(pacs.Port), QueryRetrieveModel.StudyRoot, Query(QueryRetrieveLevel.Study, (DicomTags.StudyInstanceUID, null), (DicomTags.StudyDate, null)));
            Assert.Equal(3, all.Count);
            string date = all.Select(s => s.GetString(DicomTags.StudyDate)).Min();
            var ranged = await FindAll(Scu(pacs.Port), QueryRetrieveModel.StudyRoot, Query(QueryRetrieveLevel.Study, (DicomTags.StudyInstanceUID, null), (DicomTags.StudyDate, "-" + date)));
            Assert.Equal(all.Count(s => string.CompareOrdinal(s.GetString(DicomTags.StudyDate), date) <= 0), ranged.Count);
            var none = await FindAll(Scu(pacs.Port), QueryRetrieveModel.StudyRoot, Query(QueryRetrieveLevel.Study, (DicomTags.StudyInstanceUID, null), (DicomTags.StudyDate, "19000101-19000102")));
            Assert.Empty(none);
        }

        [Fact]
        public async Task Find_CallerStopsAfterFirstMatch_SendsCancelAndReleasesTheAssociation()
        {
            using var pacs = new QueryRetrievePeers.Dcmqrscp(_data.Files);
            int seen = 0;
            FindResult r = await FindScu.FindAsync(Scu(pacs.Port), QueryRetrieveModel.StudyRoot,
                CtImages(_data.Studies[0]), m => { seen++; return false; }, CancellationToken.None);
            Assert.True(r.Cancelled);
            Assert.Equal(1, seen);
            // A small result may be complete before the peer reads the C-CANCEL: then its final status is success.
            Assert.True(r.Status == QueryRetrieveStatus.Cancel || r.Status == DimseStatus.Success, r.Status.ToString("X4"));
            // The peer is still serving (the association ended cleanly).
            var again = await FindAll(Scu(pacs.Port), QueryRetrieveModel.StudyRoot, Query(QueryRetrieveLevel.Study, (DicomTags.StudyInstanceUID, null)));
            Assert.Equal(3, again.Count);
        }

        [Fact]
        public async Task Find_TokenCancelled_ThrowsOperationCanceledAndPeerKeepsServing()
        {
            using var pacs = new QueryRetrievePeers.Dcmqrscp(_data.Files);
            using var cts = new CancellationTokenSource();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FindScu.FindAsync(Scu(pacs.Port), QueryRetrieveModel.StudyRoot,
                CtImages(_data.Studies[0]), m => { cts.Cancel(); return true; }, cts.Token));
            var again = await FindAll(Scu(pacs.Port), QueryRetrieveModel.StudyRoot, Query(QueryRetrieveLevel.Study, (DicomTags.StudyInstanceUID, null)));
            Assert.Equal(3, again.Count);
        }

        [Fact]
        public async Task Get_Study_WritesEveryInstanceAsReceiveDicomDoes()
        {
            RtStudy study = _data.Studies[0];
            using var pacs = new QueryRetrievePeers.Dcmqrscp(_data.Files);
            string target = NewFolder("qr-get");
            var progress = new List<RetrieveProgress>();
            RetrieveResult r = await RetrieveScu.GetAsync(Scu(pacs.Port), QueryRetrieveModel.StudyRoot,
                Query(QueryRetrieveLevel.Study, (DicomTags.StudyInstanceUID, study.StudyInstanceUid)),
                new RetrieveStorageOptions { Folder = target, SopClasses = study.Files.Select(f => f.SopClassUid).Distinct().ToList() }, new SyncProgress<RetrieveProgress>(p => { lock (progress) progress.Add(p); }), CancellationToken.None);
            Assert.Equal(DimseStatus.Success, r.Status);
            Assert.Equal(study.Files.Count, r.Completed);
            Assert.Equal(0, r.Failed);
            Assert.Equal(study.Files.Count, r.FilesStored);
            Assert.Equal(study.Files.Select(f => f.SopInstanceUid + ".dcm").OrderBy(x => x), Directory.GetFiles(target).Select(Path.GetFileName).OrderBy(x => x));
            Assert.Equal(study.Files.Count, progress.Count(p => p.File != null && p.File.Stored));
            foreach (RtStudyFile f in study.Files)
                AssertSameValues(f.Path, Path.Combine(target, f.SopInstanceUid + ".dcm"));
        }

        [Fact]
        public async Task Move_Series_ArrivesAtOurStorageScp()
        {
            RtStudy study = _data.Studies[1];
            string target = NewFolder("qr-move");
            using var scp = new RunningScp(new StorageScpOptions { Folder = target, AeTitle = "HAMLETRX" });
            using var pacs = new QueryRetrievePeers.Dcmqrscp(_data.Files, new[] { ("HAMLETRX", scp.Port) });
            var counts = new List<RetrieveProgress>();
            RetrieveResult r = await RetrieveScu.MoveAsync(Scu(pacs.Port), QueryRetrieveModel.StudyRoot,
                Query(QueryRetrieveLevel.Series, (DicomTags.StudyInstanceUID, study.StudyInstanceUid), (DicomTags.SeriesInstanceUID, study.CtSeriesInstanceUid)),
                "HAMLETRX", new SyncProgress<RetrieveProgress>(p => { lock (counts) counts.Add(p); }), CancellationToken.None);
            var ct = study.Files.Where(f => f.SeriesInstanceUid == study.CtSeriesInstanceUid).ToList();
            Assert.Equal(DimseStatus.Success, r.Status);
            Assert.Equal(ct.Count, r.Completed);
            Assert.Equal(ct.Select(f => f.SopInstanceUid + ".dcm").OrderBy(x => x), Directory.GetFiles(target).Select(Path.GetFileName).OrderBy(x => x));
        }

        [Fact]
        public async Task Move_ToUnknownDestination_ThrowsWithStatusA801()
        {
            using var pacs = new QueryRetrievePeers.Dcmqrscp(_data.Files);
            var e = await Assert.ThrowsAsync<DimseFailureException>(() => RetrieveScu.MoveAsync(Scu(pacs.Port), QueryRetrieveModel.StudyRoot,
                Query(QueryRetrieveLevel.Study, (DicomTags.StudyInstanceUID, _data.Studies[0].StudyInstanceUid)), "NOBODY", null, CancellationToken.None));
            Assert.Equal(QueryRetrieveStatus.MoveDestinationUnknown, e.Status);
            Assert.Contains("move destination unknown", e.Message);
        }
    }
}
