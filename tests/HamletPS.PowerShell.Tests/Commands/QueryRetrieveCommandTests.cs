using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using HamletPS.Synthetic;
using HamletPS.TestPeers;
using Xunit;

namespace HamletPS.PowerShell.Tests.Commands
{
    /// <summary>Find-DicomStudy and Copy-DicomStudy against dcmqrscp: the lookup-table pipeline, errors, -WhatIf.</summary>
    public sealed class QueryRetrieveCommandTests : IDisposable
    {
        private readonly string _root = QueryRetrievePeers.NewFolder("ps-qr");

        public void Dispose()
        {
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        }

        private static string PatientId(RtStudy s) => HamletPS.Dicom.Data.DicomFile.Open(s.Files[0].Path).Dataset.GetString(HamletPS.Dicom.Dictionary.DicomTags.PatientID);

        [Fact]
        public void MappingRows_FindBindsMrn_CopyWritesIncoming_GetDicomFileReadsThem()
        {
            RtStudy a = QueryRetrievePeers.WriteStudy(_root, 1), b = QueryRetrievePeers.WriteStudy(_root, 2), c = QueryRetrievePeers.WriteStudy(_root, 3);
            using var pacs = new QueryRetrievePeers.Dcmqrscp(new[] { a, b, c }.SelectMany(s => s.Files.Select(f => f.Path)));
            string incoming = Path.Combine(_root, "incoming");
            using var session = new PowerShellSession();

            // Rows shaped as Import-Csv mapping.csv makes them (MRN, Study_ID).
            var files = session.Invoke(
                "$rows = @([pscustomobject]@{ MRN = $args[0]; Study_ID = '123_1001' }, [pscustomobject]@{ MRN = $args[1]; Study_ID = '123_1002' }); " +
                "$rows | Find-DicomStudy -ComputerName 127.0.0.1 -Port $args[2] -CalledAETitle QRSCP | Copy-DicomStudy -Destination $args[3] | Get-DicomFile",
                PatientId(a), PatientId(c), pacs.Port, incoming);

            Assert.Empty(session.Errors);
            var expected = a.Files.Concat(c.Files).Select(f => Path.Combine(incoming, f.SopInstanceUid + ".dcm")).OrderBy(x => x);
            Assert.Equal(expected, files.Select(f => (string)f.Properties["Path"].Value).OrderBy(x => x));
            Assert.Equal(a.Files.Count + c.Files.Count, Directory.GetFiles(incoming).Length);

            // Again: everything is there, nothing is fetched.
            var again = session.Invoke("Find-DicomStudy 127.0.0.1 $args[0] -CalledAETitle QRSCP -PatientID $args[1] | Copy-DicomStudy -Destination $args[2] -Verbose", pacs.Port, PatientId(a), incoming);
            Assert.Empty(again);
            Assert.Contains(session.Verbose, v => v.Message.Contains(a.Files.Count + " already present, 0 retrieved"));
        }

        [Fact]
        public void FindDicomStudy_SeriesLevel_ReturnsQueryResultsWithTheirPacs()
        {
            RtStudy a = QueryRetrievePeers.WriteStudy(_root, 4);
            using var pacs = new QueryRetrievePeers.Dcmqrscp(a.Files.Select(f => f.Path));
            using var session = new PowerShellSession();

            var series = session.Invoke("Find-DicomStudy 127.0.0.1 $args[0] -CalledAETitle QRSCP -Level Series -StudyInstanceUID $args[1] -Modality CT", pacs.Port, a.StudyInstanceUid);

            Assert.Empty(session.Errors);
            PSObject ct = Assert.Single(series);
            Assert.Equal("HamletPS.Core.Retrieve.DicomQueryResult", ct.BaseObject.GetType().FullName);
            Assert.Equal(a.CtSeriesInstanceUid, ct.Properties["SeriesInstanceUID"].Value);
            Assert.Equal("SERIES", ct.Properties["Level"].Value);
            Assert.Equal("QRSCP", ct.Properties["CalledAETitle"].Value);
        }

        [Fact]
        public void FindDicomStudy_NothingListens_WritesDicomConnectionFailedNamingThePeer()
        {
            int port = QueryRetrievePeers.FreePort();
            using var session = new PowerShellSession();

            var results = session.Invoke("Find-DicomStudy 127.0.0.1 $args[0] -CalledAETitle QRSCP -PatientID X -TimeoutSeconds 5", port);

            Assert.Empty(results);
            ErrorRecord e = Assert.Single(session.Errors);
            Assert.Equal("DicomConnectionFailed,HamletPS.Commands.FindDicomStudyCommand", e.FullyQualifiedErrorId);
            Assert.Equal("QRSCP@127.0.0.1:" + port, e.TargetObject);
        }

        [Fact]
        public void CopyDicomStudy_MoveToAnAeThePacsDoesNotKnow_StopsWithMoveDestinationUnknown()
        {
            RtStudy a = QueryRetrievePeers.WriteStudy(_root, 5);
            using var pacs = new QueryRetrievePeers.Dcmqrscp(a.Files.Select(f => f.Path));
            using var session = new PowerShellSession();

            var output = session.Invoke(
                "Copy-DicomStudy 127.0.0.1 $args[0] -CalledAETitle QRSCP -StudyInstanceUID $args[1] -Method Move -MoveDestination STRANGER -ReceiverPort $args[2] -Destination $args[3]",
                pacs.Port, a.StudyInstanceUid, QueryRetrievePeers.FreePort(), Path.Combine(_root, "in"));
            Assert.Empty(output);
            ErrorRecord record = Assert.Single(session.Errors);
            Assert.Equal("MoveDestinationUnknown,HamletPS.Commands.CopyDicomStudyCommand", record.FullyQualifiedErrorId);
            Assert.Contains("STRANGER", record.Exception.Message);
        }

        [Fact]
        public void CopyDicomStudy_WhatIf_CopiesNothing()
        {
            RtStudy a = QueryRetrievePeers.WriteStudy(_root, 6);
            using var pacs = new QueryRetrievePeers.Dcmqrscp(a.Files.Select(f => f.Path));
            string incoming = Path.Combine(_root, "whatif");
            using var session = new PowerShellSession();

            var results = session.Invoke("Copy-DicomStudy 127.0.0.1 $args[0] -CalledAETitle QRSCP -StudyInstanceUID $args[1] -Destination $args[2] -WhatIf", pacs.Port, a.StudyInstanceUid, incoming);

            Assert.Empty(results);
            Assert.Empty(session.Errors);
            Assert.False(Directory.Exists(incoming) && Directory.GetFiles(incoming).Length > 0);
        }
    }
}
