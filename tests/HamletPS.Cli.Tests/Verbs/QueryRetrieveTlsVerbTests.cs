using System.IO;
using System.Linq;
using System.Text.Json;
using HamletPS.Cli.Verbs;
using HamletPS.Synthetic;
using HamletPS.TestPeers;
using HamletPS.TestSupport;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>
    /// `hamlet find`, `hamlet retrieve` and the pull step of `hamlet process` over DICOM TLS against Orthanc with DicomTlsEnabled
    /// (its DICOM port speaks TLS only): the command-line options and the PACS section's TLS keys reach the association.
    /// </summary>
    public sealed class QueryRetrieveTlsVerbTests : ScratchFolderTest
    {
        public QueryRetrieveTlsVerbTests() : base("hamlet-qr-tls-") => Directory.CreateDirectory(Root);

        private (string Key, string Cert) _pacs;
        private (string Key, string Cert) _site;
        private (string Key, string Cert) _stranger;

        private QueryRetrievePeers.Orthanc StartPacs(RtStudy study, bool clientCertificateRequired)
        {
            RequiredPeers.Programs("/usr/sbin/Orthanc", "/usr/bin/openssl");
            _pacs = QueryRetrievePeers.MakeCertificate(Root, "pacs");
            _site = QueryRetrievePeers.MakeCertificate(Root, "site");
            _stranger = QueryRetrievePeers.MakeCertificate(Root, "stranger");
            return new QueryRetrievePeers.Orthanc(study.Files.Select(f => f.Path), tls: new QueryRetrievePeers.OrthancTls
            {
                CertificatePath = _pacs.Cert, KeyPath = _pacs.Key, TrustedCertificatesPath = _site.Cert, RemoteCertificateRequired = clientCertificateRequired,
            });
        }

        [Fact]
        public void FindAndRetrieve_UseTlsOptions_QueryAndCopyOverTls_AWrongServerCertificateFailsNamingThePeer()
        {
            RtStudy study = QueryRetrievePeers.WriteStudy(Path.Combine(Root, "src"), 5);
            using var pacs = StartPacs(study, clientCertificateRequired: false);
            string port = pacs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string[] Args(string verb, params string[] rest) =>
                new[] { verb, "127.0.0.1", "-p", port, "-c", QueryRetrievePeers.PacsAeTitle, "-a", "HAMLET", "--timeout-seconds", "20" }.Concat(rest).ToArray();

            var find = HamletExecutables.Start(false, Root, null, Args("find", "--use-tls", "--trusted-certificate-path", _pacs.Cert, "--json"));
            Assert.True(find.Code == 0, find.ToString());
            JsonElement match = JsonDocument.Parse(find.Out.Trim()).RootElement;
            Assert.Equal(study.StudyInstanceUid, match.GetProperty("StudyInstanceUID").GetString());

            string incoming = Path.Combine(Root, "incoming");
            var retrieve = HamletExecutables.Start(false, Root, null, Args("retrieve", "--use-tls", "--trusted-certificate-path", _pacs.Cert,
                "--study-instance-uid", study.StudyInstanceUid, "--destination", incoming));
            Assert.True(retrieve.Code == 0, retrieve.ToString());
            Assert.Equal(study.Files.Select(f => f.SopInstanceUid + ".dcm").OrderBy(x => x), Directory.GetFiles(incoming).Select(Path.GetFileName).OrderBy(x => x));

            // Trusting another certificate than the PACS's: refused at the handshake, exit 1, the peer and the reason named.
            string other = Path.Combine(Root, "other");
            var wrong = HamletExecutables.Start(false, Root, null, Args("retrieve", "--use-tls", "--trusted-certificate-path", _stranger.Cert,
                "--study-instance-uid", study.StudyInstanceUid, "--destination", other));
            Assert.Equal(1, wrong.Code);
            Assert.Contains("DicomConnectionFailed", wrong.Err);
            Assert.Contains("127.0.0.1:" + port, wrong.Err);
            Assert.Contains("TLS handshake failed", wrong.Err);
            Assert.False(Directory.Exists(other) && Directory.EnumerateFileSystemEntries(other).Any());
        }

        [Fact]
        public void Process_PacsSectionWithTlsKeys_PullsOverTlsWithOurClientCertificate()
        {
            SampleData.Write(Root);
            Directory.Delete(Path.Combine(Root, "data", "incoming"), true);
            SyntheticPatient mapped = SampleData.Patients()[0];
            RtStudy inPacs = new RtStudyBuilder(mapped, new RtStudyOptions { Seed = 79, Slices = 3, ImageSize = 16 }).Write(Path.Combine(Root, "pacs", "a"));
            using var pacs = StartPacs(inPacs, clientCertificateRequired: true);
            string config = Path.Combine(Root, "config.yaml");
            // Paths relative to the configuration file, as every path key of config.yaml.
            File.AppendAllText(config, "\nPACS:\n  AET: " + QueryRetrievePeers.PacsAeTitle + "\n  HOST: 127.0.0.1\n  PORT: " + pacs.Port + "\n  SINCE: 36500\n" +
                "  TLS: true\n  TRUSTEDCERTIFICATEFILES: pacs.cert.pem\n  CERTIFICATEFILE: site.cert.pem\n  KEYFILE: site.key.pem\n");
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int code = ProcessVerb.Run(new ProcessVerb.Arguments { ConfigPath = config, SettleSeconds = 0 }, new CliOutput(stdout, stderr));

            Assert.True(code == 0, stderr.ToString() + stdout);
            Assert.Contains("Pull: 1 studies, " + inPacs.Files.Count + " instances retrieved, 0 already present, 0 failed", stdout.ToString());
        }
    }
}
