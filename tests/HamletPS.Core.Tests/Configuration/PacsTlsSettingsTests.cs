using System.IO;
using System.Linq;
using HamletPS.Core.Configuration;
using HamletPS.Core.Network;
using HamletPS.Core.Retrieve;
using Xunit;

namespace HamletPS.Core.Tests.Configuration
{
    /// <summary>The PACS section's DICOM TLS keys: read relative to the configuration file, and carried into the pull's peer.</summary>
    public class PacsTlsSettingsTests
    {
        private static HamletConfigReadResult Parse(string yaml, string baseDir)
            => HamletConfigLoader.Parse(new StringReader(yaml), "config.yaml", baseDir);

        private const string Pacs = "PACS:\n  AET: PACS\n  HOST: pacs.example.org\n";

        [Fact]
        public void TlsKeys_AreReadWithPathsRelativeToTheConfiguration_AndWithoutThemThePacsIsPlain()
        {
            string baseDir = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "pacs-tls-base"));
            var read = Parse(Pacs + "  TLS: true\n  TRUSTEDCERTIFICATEFILES: certs/pacs-ca.pem, /etc/ssl/other.pem\n  CERTIFICATEFILE: site.pem\n  KEYFILE: site.key\n", baseDir);
            Assert.Empty(read.Findings);
            DicomTlsSettings tls = read.Config.Pacs.Tls;
            Assert.True(tls.Enabled);
            Assert.True(tls.IsClientEnabled);
            Assert.Equal(Path.Combine(baseDir, "site.pem"), tls.CertificatePath);
            Assert.Equal(Path.Combine(baseDir, "site.key"), tls.KeyPath);
            Assert.Equal(new[] { Path.Combine(baseDir, "certs", "pacs-ca.pem"), Path.GetFullPath("/etc/ssl/other.pem") }, tls.TrustedCertificatePaths);

            var plain = Parse(Pacs, baseDir).Config.Pacs.Tls;
            Assert.False(plain.IsClientEnabled);
            Assert.Empty(plain.TrustedCertificatePaths);
        }

        [Fact]
        public void TlsValueOtherThanTrueOrFalse_IsAnErrorNamingTheKeyAndLine()
        {
            var finding = Assert.Single(Parse(Pacs + "  TLS: maybe\n", "/base").Findings);
            Assert.Equal(ConfigSeverity.Error, finding.Severity);
            Assert.Equal(4, finding.Line);
            Assert.Contains("PACS.TLS must be true or false", finding.Message);
        }

        [Fact]
        public void PullPeer_CarriesTheTlsKeys_AndAMissingPasswordFileIsNamed()
        {
            using var tmp = new TempFolder();
            string yaml = Pacs + "  PORT: 11113\n  TLS: yes\n  TRUSTEDCERTIFICATEFILES: pacs.pem\n  CERTIFICATEFILE: site.pfx\n  CERTIFICATEPASSWORDFILE: pfx-password.txt\n";
            HamletConfig config = Parse(yaml, tmp.Path).Config;
            var missing = Assert.Throws<FileNotFoundException>(() => PacsPull.Peer(config));
            Assert.Contains("PACS.CERTIFICATEPASSWORDFILE", missing.Message);
            Assert.Contains("pfx-password.txt", missing.Message);

            File.WriteAllText(tmp.File("pfx-password.txt"), "not-shown\n");
            DicomPeer peer = PacsPull.Peer(config);
            Assert.Equal("PACS@pacs.example.org:11113", peer.ToString());
            Assert.Equal(config.DicomNode.AeTitle, peer.CallingAETitle);
            Assert.True(peer.Tls.IsClientEnabled);
            Assert.Equal(tmp.File("site.pfx"), peer.Tls.CertificatePath);
            Assert.Equal(new[] { tmp.File("pacs.pem") }, peer.Tls.TrustedCertificatePaths.ToArray());
        }
    }
}
