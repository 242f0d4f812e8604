using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Core.Network;
using HamletPS.Core.Retrieve;
using HamletPS.Dicom.Network;
using HamletPS.Synthetic;
using HamletPS.TestPeers;
using HamletPS.TestSupport;
using Xunit;
using static HamletPS.Dicom.Tests.Network.NetworkTestSupport;

namespace HamletPS.Dicom.Tests.Network
{
    /// <summary>
    /// The Core query and retrieve workflow over DICOM TLS (PS3.15 Annex B) against Orthanc with DicomTlsEnabled: its DICOM port
    /// then speaks TLS only, and its moves go out over TLS. Certificates are made by openssl for each test.
    /// </summary>
    public class QueryRetrieveTlsTests : IClassFixture<QueryRetrieveStudies>
    {
        private readonly QueryRetrieveStudies _data;

        public QueryRetrieveTlsTests(QueryRetrieveStudies data) => _data = data;

        private sealed class Certificates
        {
            public Certificates()
            {
                Folder = NewFolder("qr-tls-certs");
                Server = QueryRetrievePeers.MakeCertificate(Folder, "pacs");
                Client = QueryRetrievePeers.MakeCertificate(Folder, "site");
                Stranger = QueryRetrievePeers.MakeCertificate(Folder, "stranger");
            }

            public string Folder { get; }

            public (string Key, string Cert) Server { get; }

            public (string Key, string Cert) Client { get; }

            public (string Key, string Cert) Stranger { get; }

            public QueryRetrievePeers.OrthancTls Orthanc(bool clientCertificateRequired) => new QueryRetrievePeers.OrthancTls
            {
                CertificatePath = Server.Cert,
                KeyPath = Server.Key,
                TrustedCertificatesPath = Client.Cert,
                RemoteCertificateRequired = clientCertificateRequired,
            };
        }

        private static Certificates Make()
        {
            RequiredPeers.Programs("/usr/sbin/Orthanc", "/usr/bin/openssl");
            return new Certificates();
        }

        private static DicomPeer Peer(int port, DicomTlsSettings tls) => new DicomPeer
        {
            ComputerName = "127.0.0.1",
            Port = port,
            CalledAETitle = QueryRetrievePeers.PacsAeTitle,
            CallingAETitle = "HAMLET",
            TimeoutSeconds = 20,
            Tls = tls,
        };

        private static async Task<List<DicomQueryResult>> Find(DicomPeer peer, DicomQuery q)
        {
            var list = new List<DicomQueryResult>();
            await DicomFinder.FindAsync(peer, q, r => { list.Add(r); return true; }, CancellationToken.None);
            return list;
        }

        [Fact]
        public async Task FindAndGet_OverTls_FromOrthancWithDicomTls_DeliverTheStudy_AndPlainTcpIsRefused()
        {
            Certificates certs = Make();
            RtStudy study = _data.Studies[2];
            using var pacs = new QueryRetrievePeers.Orthanc(study.Files.Select(f => f.Path), tls: certs.Orthanc(clientCertificateRequired: false));
            // TLS without a client certificate: the PACS's certificate trusted, nothing of ours offered.
            DicomPeer peer = Peer(pacs.Port, new DicomTlsSettings { Enabled = true, TrustedCertificatePaths = { certs.Server.Cert } });

            DicomQueryResult match = Assert.Single(await Find(peer, new DicomQuery { PatientName = "MÜLLER*" }));
            Assert.Equal(study.StudyInstanceUid, match.StudyInstanceUID);
            Assert.StartsWith("MÜLLER-SYNTH^", match.PatientName);
            var series = await Find(peer, new DicomQuery { Level = DicomQueryLevel.Series, StudyInstanceUID = study.StudyInstanceUid });
            Assert.Equal(study.Files.Select(f => f.SeriesInstanceUid).Distinct().Count(), series.Count);

            string incoming = NewFolder("tls-get");
            var failures = new List<DicomRetrieveFailure>();
            DicomRetrieveSummary got = await DicomRetriever.RetrieveAsync(peer, new DicomRetrieveRequest { StudyInstanceUID = study.StudyInstanceUid, Destination = incoming },
                null, null, failures.Add, CancellationToken.None);
            Assert.Empty(failures);
            Assert.Equal("C-GET", got.Method);
            Assert.Equal(study.Files.Count, got.Retrieved);
            foreach (RtStudyFile f in study.Files) QueryRetrieveScuTests.AssertSameValues(f.Path, Path.Combine(incoming, f.SopInstanceUid + ".dcm"));

            // The same port without TLS gets no answer: the matches above did travel over TLS.
            await Assert.ThrowsAnyAsync<DicomNetworkException>(() => Find(Peer(pacs.Port, new DicomTlsSettings()), new DicomQuery()));
        }

        [Fact]
        public async Task Move_OverTls_OrthancSendsOverTlsIntoTheReceiverWeStart_WithMutualCertificates()
        {
            Certificates certs = Make();
            RtStudy study = _data.Studies[0];
            int rxPort = FreePort();
            using var pacs = new QueryRetrievePeers.Orthanc(study.Files.Select(f => f.Path), new[] { ("HAMLETRX", rxPort) }, certs.Orthanc(clientCertificateRequired: true));
            DicomPeer peer = Peer(pacs.Port, new DicomTlsSettings
            {
                CertificatePath = certs.Client.Cert,
                KeyPath = certs.Client.Key,
                TrustedCertificatePaths = { certs.Server.Cert },
            });
            string incoming = NewFolder("tls-move");
            var failures = new List<DicomRetrieveFailure>();
            var files = new List<ReceivedDicomFile>();
            DicomRetrieveSummary moved = await DicomRetriever.RetrieveAsync(peer, new DicomRetrieveRequest
            {
                StudyInstanceUID = study.StudyInstanceUid, Destination = incoming, UseMove = true, MoveDestination = "HAMLETRX", ReceiverPort = rxPort,
            }, null, files.Add, failures.Add, CancellationToken.None);
            Assert.Empty(failures);
            Assert.Equal("C-MOVE", moved.Method);
            Assert.Equal(study.Files.Count, moved.Retrieved);
            foreach (RtStudyFile f in study.Files) QueryRetrieveScuTests.AssertSameValues(f.Path, Path.Combine(incoming, f.SopInstanceUid + ".dcm"));
        }

        [Fact]
        public async Task WrongServerCertificate_FindAndRetrieveFailClosed_NamingThePeerAndTls_AndWriteNothing()
        {
            Certificates certs = Make();
            RtStudy study = _data.Studies[1];
            using var pacs = new QueryRetrievePeers.Orthanc(study.Files.Select(f => f.Path), tls: certs.Orthanc(clientCertificateRequired: false));
            // We trust another certificate than the one the PACS presents (a man in the middle, or a renewed PACS certificate).
            DicomPeer peer = Peer(pacs.Port, new DicomTlsSettings { Enabled = true, TrustedCertificatePaths = { certs.Stranger.Cert } });

            var delivered = new List<DicomQueryResult>();
            var find = await Assert.ThrowsAsync<DicomNetworkException>(() => DicomFinder.FindAsync(peer, new DicomQuery(), r => { delivered.Add(r); return true; }, CancellationToken.None));
            Assert.Empty(delivered);
            Assert.Contains("127.0.0.1:" + pacs.Port, find.Message);
            Assert.Contains("TLS handshake failed", find.Message);
            Assert.Contains("certificate", find.Message);
            Assert.Equal("DicomConnectionFailed", QueryRetrieveError.Classify(find));

            string incoming = NewFolder("tls-wrong");
            await Assert.ThrowsAsync<DicomNetworkException>(() => DicomRetriever.RetrieveAsync(peer, new DicomRetrieveRequest { StudyInstanceUID = study.StudyInstanceUid, Destination = incoming },
                null, null, null, CancellationToken.None));
            Assert.Empty(Directory.GetFileSystemEntries(incoming));
        }

        [Fact]
        public async Task MoveOverTls_WithoutOurCertificate_IsRefusedBeforeConnecting_NotReceivedInClear()
        {
            // Nothing listens on the PACS port: the refusal comes from the settings, before any connection.
            DicomPeer peer = Peer(FreePort(), new DicomTlsSettings { Enabled = true });
            var e = await Assert.ThrowsAsync<ArgumentException>(() => DicomRetriever.RetrieveAsync(peer, new DicomRetrieveRequest
            {
                StudyInstanceUID = "1.2.3", Destination = NewFolder("tls-nocert"), UseMove = true, MoveDestination = "HAMLETRX", ReceiverPort = FreePort(),
            }, null, null, null, CancellationToken.None));
            Assert.Contains("certificate", e.Message);
            Assert.Contains("in clear", e.Message);
        }
    }
}
