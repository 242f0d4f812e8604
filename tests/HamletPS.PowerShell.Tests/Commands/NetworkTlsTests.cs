using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using HamletPS.Synthetic;
using Xunit;
using static HamletPS.PowerShell.Tests.Commands.NetworkPeers;

namespace HamletPS.PowerShell.Tests.Commands
{
    /// <summary>
    /// DICOM TLS through the cmdlets in the hosted engine, against dcmtk built with OpenSSL: Receive-Dicom with a
    /// password-protected PFX requiring a client certificate, Send-Dicom and Test-DicomEcho with a client PFX. Certificates
    /// are generated per run by openssl.
    /// </summary>
    public sealed class NetworkTlsTests : IDisposable
    {
        private const string Password = "s3cret-Pfx!pass";
        private readonly TempFolder _temp = new TempFolder("tls");
        private string _root => _temp.Path;
        public void Dispose()
        {
            _temp.Dispose();
        }

        /// <summary>Self-signed CN=localhost key.pem, cert.pem and a PFX of both protected by <see cref="Password"/>.</summary>
        private (string Key, string Cert, string Pfx) MakeCertificate(string name)
        {
            string key = Path.Combine(_root, name + ".key.pem"), cert = Path.Combine(_root, name + ".cert.pem"), pfx = Path.Combine(_root, name + ".pfx");
            var (c1, o1) = Run("openssl", "req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " + key + " -out " + cert);
            Assert.True(c1 == 0, o1);
            var (c2, o2) = Run("openssl", "pkcs12 -export -inkey " + key + " -in " + cert + " -out " + pfx + " -passout pass:" + Password);
            Assert.True(c2 == 0, o2);
            return (key, cert, pfx);
        }

        private static SecureString Secure(string text)
        {
            var s = new SecureString();
            foreach (char c in text) s.AppendChar(c);
            s.MakeReadOnly();
            return s;
        }

        [Fact]
        public void ReceiveDicom_WithPasswordProtectedPfx_RequiringClientCertificate_StorescuOverTlsArrives()
        {
            var server = MakeCertificate("server");
            var client = MakeCertificate("client");
            RtStudy study = WriteStudy(NewFolder(_root, "sent"), slices: 2);
            string rx = Path.Combine(_root, "incoming");
            int port = FreePort();
            using var session = new PowerShellSession();
            var output = new PSDataCollection<PSObject>();
            using var ps = session.BeginInvoke("Receive-Dicom -Path $args[0] -Port $args[1] -AETitle HAMLETPS -Count $args[2] -CertificatePath $args[3] " +
                "-CertificatePassword $args[4] -TrustedCertificatePath $args[5] -RequireClientCertificate -Confirm:$false",
                output, rx, port, study.Files.Count, server.Pfx, Secure(Password), client.Cert);
            try
            {
                WaitForPort(port);
                // Plain TCP to the TLS port is closed during the handshake; nothing arrives.
                var (plainCode, _) = Run("echoscu", "-aec HAMLETPS 127.0.0.1 " + port, 30000);
                Assert.NotEqual(0, plainCode);

                string files = string.Join(" ", study.Files.Select(f => "\"" + f.Path + "\""));
                var (code, text) = Run("storescu", "+tls " + client.Key + " " + client.Cert + " +cf " + server.Cert + " -aec HAMLETPS 127.0.0.1 " + port + " " + files, 60000);
                Assert.True(code == 0, text);
                Assert.True(WaitForEnd(ps), "Receive-Dicom did not stop after -Count files");
                Assert.Equal(PSInvocationState.Completed, ps.InvocationStateInfo.State);
                Assert.Equal(study.Files.Count, output.Count);
                Assert.Equal(study.Files.Select(f => f.SopInstanceUid).OrderBy(u => u), output.Select(o => (string)o.Properties["SOPInstanceUID"].Value).OrderBy(u => u));
            }
            finally
            {
                StopPipeline(ps);
            }
        }

        [Fact]
        public void SendDicomAndTestDicomEcho_WithClientPfxAndPassword_ToStorescpOverTls()
        {
            var server = MakeCertificate("server");
            var client = MakeCertificate("client");
            string src = NewFolder(_root, "sent");
            RtStudy study = WriteStudy(src, slices: 2);
            string rx = NewFolder(_root, "storescp");
            using (var storescp = RunningStorescp.Start("+tls " + server.Key + " " + server.Cert + " -rc +cf " + client.Cert + " -aet PEER --output-directory \"" + rx + "\" "))
            {
                int port = storescp.Port;
                using var session = new PowerShellSession();
                const string tls = "-ComputerName localhost -Port $args[1] -CalledAETitle PEER -CertificatePath $args[2] -CertificatePassword $args[3] -TrustedCertificatePath $args[4]";

                var echo = session.Invoke("Test-DicomEcho " + tls, null, port, client.Pfx, Secure(Password), server.Cert);
                Assert.Empty(session.Errors);
                Assert.True((bool)echo.Single().Properties["Success"].Value);

                var sent = session.Invoke("Send-Dicom -Path $args[0] -Recurse " + tls + " -Confirm:$false", src, port, client.Pfx, Secure(Password), server.Cert);
                Assert.Empty(session.Errors);
                Assert.Equal(study.Files.Count, sent.Count);
                Assert.All(sent, r => Assert.Equal("0000", r.Properties["Status"].Value));
                Assert.True(WaitUntil(() => Directory.GetFiles(rx).Length == study.Files.Count, 10000));

                // A wrong password stops the command with a settings error that does not repeat the password.
                session.Invoke("Test-DicomEcho " + tls, null, port, client.Pfx, Secure("wrong-" + Password), server.Cert);
                ErrorRecord error = Assert.Single(session.Errors);
                Assert.Equal("TlsCertificateUnreadable", error.FullyQualifiedErrorId.Split(',')[0]);
                Assert.DoesNotContain(Password, error.ToString());
            }
        }
    }
}
