using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.IO;
using HamletPS.Dicom.Network;
using Xunit;
using static HamletPS.Dicom.Tests.Network.NetworkTestSupport;

namespace HamletPS.Dicom.Tests.Network
{
    /// <summary>DICOM TLS (PS3.15 Annex B) both ways against dcmtk built with OpenSSL; certificates are generated per test run.</summary>
    public class DicomTlsTests
    {
        /// <summary>A self-signed CA-less pair: key.pem, cert.pem (CN=localhost, SAN localhost/127.0.0.1).</summary>
        private static (string Key, string Cert) MakeCertificate(string folder, string name)
        {
            string key = Path.Combine(folder, name + ".key.pem"), cert = Path.Combine(folder, name + ".cert.pem");
            var (code, output) = Run("openssl", "req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "
                + key + " -out " + cert, 60000);
            Assert.True(code == 0, output);
            return (key, cert);
        }

        [Fact]
        public async Task OurEchoAndSend_OverTls_ToStorescpWithTls()
        {
            string dir = NewFolder("tls-out");
            var server = MakeCertificate(dir, "server");
            var client = MakeCertificate(dir, "client");
            int port = FreePort();
            string rx = NewFolder("tls-rx");
            var storescp = Start("storescp", "+tls " + server.Key + " " + server.Cert + " -rc +cf " + client.Cert + " -aet PEER --output-directory " + rx + " " + port);
            try
            {
                WaitForPort(port);
                var tls = new DicomTlsOptions { Certificate = DicomTlsOptions.LoadCertificate(client.Cert, client.Key), TargetHost = "localhost" };
                tls.TrustedCertificates.Add(DicomTlsOptions.LoadTrustedCertificate(server.Cert));
                var scu = new ScuOptions { Port = port, CalledAeTitle = "PEER", Tls = tls };
                EchoResult echo = await EchoScu.EchoAsync(scu, CancellationToken.None);
                Assert.True(echo.Success, echo.Error);
                string f = WriteCt(NewFolder("tls-src"), NewUid(), 300_000);
                var results = await StorageScu.SendAsync(scu, new[] { f }, null, CancellationToken.None);
                Assert.True(results[0].Success, results[0].Error);

                // Without trusting the server certificate the handshake fails and nothing is sent.
                var untrusted = new ScuOptions { Port = port, CalledAeTitle = "PEER", Tls = new DicomTlsOptions { Certificate = tls.Certificate } };
                EchoResult refused = await EchoScu.EchoAsync(untrusted, CancellationToken.None);
                Assert.False(refused.Success);
                Assert.Contains("TLS", refused.Error);
            }
            finally
            {
                Kill(storescp);
            }
        }

        [Fact]
        public void StorescuWithTls_ToOurScpRequiringClientCertificate()
        {
            string dir = NewFolder("tls-in");
            var server = MakeCertificate(dir, "server");
            var client = MakeCertificate(dir, "client");
            var tls = new DicomTlsOptions { Certificate = DicomTlsOptions.LoadCertificate(server.Cert, server.Key), RequireClientCertificate = true };
            tls.TrustedCertificates.Add(DicomTlsOptions.LoadTrustedCertificate(client.Cert));
            string rx = NewFolder("tls-in-rx");
            using (var scp = new RunningScp(new StorageScpOptions { Folder = rx, AeTitle = "HAMLET", Tls = tls }))
            {
                string f = WriteCt(NewFolder("tls-in-src"), NewUid(), 200_000);
                var (code, output) = Run("storescu", "+tls " + client.Key + " " + client.Cert + " +cf " + server.Cert + " -aec HAMLET 127.0.0.1 " + scp.Port + " " + f, 30000);
                Assert.True(code == 0, output);
                Assert.Equal(DataSetBytes(f), DataSetBytes(Path.Combine(rx, FileMetaInformationProbe.Read(f).SopInstanceUid + ".dcm")));

                // A client with an untrusted certificate is closed during the handshake.
                var (code2, output2) = Run("echoscu", "+tls " + server.Key + " " + server.Cert + " -ic -aec HAMLET 127.0.0.1 " + scp.Port, 30000);
                Assert.NotEqual(0, code2);                                                  // its certificate is not trusted here
                var (code3, output3) = Run("echoscu", "-aec HAMLET 127.0.0.1 " + scp.Port, 30000);   // plain TCP to a TLS port
                Assert.NotEqual(0, code3);
            }
        }
    }
}
