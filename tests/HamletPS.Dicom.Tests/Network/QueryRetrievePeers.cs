using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using HamletPS.Synthetic;

namespace HamletPS.TestPeers
{
    /// <summary>
    /// The PACS peers of the query/retrieve tests, started by the tests on loopback ports: dcmtk's <c>dcmqrscp</c> (a generated
    /// configuration, a database filled by <c>dcmqridx</c>) and Orthanc (a generated JSON configuration, instances loaded
    /// through its REST API). Both know the move destinations given. Synthetic studies only. One file, linked into the
    /// Dicom, PowerShell and CLI test projects (it needs only the Synthetic project).
    /// </summary>
    public static class QueryRetrievePeers
    {
        public const string PacsAeTitle = "QRSCP";

        public static int FreePort()
        {
            var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            l.Start();
            int port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        /// <summary>A fresh folder under the temp folder (removed when its peer is disposed, or else when the test process ends).</summary>
        public static string NewFolder(string name)
        {
            return HamletPS.TestSupport.ScratchFolders.New("net-" + name);
        }

        private static Process Start(string exe, string args)
        {
            var p = Process.Start(new ProcessStartInfo(exe, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            return p;
        }

        private static void Kill(Process p)
        {
            try { if (!p.HasExited) p.Kill(true); } catch (Exception) { }
            p.Dispose();
        }

        private static (int ExitCode, string Output) Run(string exe, string args)
        {
            using (var p = new Process { StartInfo = new ProcessStartInfo(exe, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false } })
            {
                var output = new StringBuilder();
                p.OutputDataReceived += (s, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
                p.ErrorDataReceived += (s, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
                p.Start();
                p.BeginOutputReadLine();
                p.BeginErrorReadLine();
                if (!p.WaitForExit(120000)) { Kill(p); throw new TimeoutException(exe + " did not finish"); }
                p.WaitForExit();
                lock (output) return (p.ExitCode, output.ToString());
            }
        }

        private static void WaitForPort(int port, int timeoutMs)
        {
            var sw = Stopwatch.StartNew();
            while (sw.ElapsedMilliseconds < timeoutMs)
            {
                try { using (var c = new System.Net.Sockets.TcpClient()) { c.Connect(System.Net.IPAddress.Loopback, port); return; } }
                catch (System.Net.Sockets.SocketException) { System.Threading.Thread.Sleep(50); }
            }
            throw new TimeoutException("nothing listens on port " + port);
        }

        /// <summary>Writes a small synthetic RT study (CT slices, RTSTRUCT, RTPLAN, RTDOSE) for patient <paramref name="index"/>.</summary>
        public static RtStudy WriteStudy(string folder, int index, int slices = 4, string familyName = null, string characterSet = "ISO_IR 100", ulong seed = 0)
        {
            SyntheticPatient patient = new SyntheticPatientGenerator(seed == 0 ? 7 : seed).Create(index);
            if (familyName != null) patient.FamilyName = familyName;
            var options = new RtStudyOptions { Seed = (ulong)(1000 + index) + seed, Slices = slices, ImageSize = 16, SpecificCharacterSet = characterSet };
            return new RtStudyBuilder(patient, options).Write(Path.Combine(folder, "study" + index));
        }

        /// <summary>dcmqrscp serving <paramref name="files"/> as AE <see cref="PacsAeTitle"/>; killed on dispose.</summary>
        public sealed class Dcmqrscp : IDisposable
        {
            private readonly Process _process;

            public Dcmqrscp(IEnumerable<string> files, IEnumerable<(string AeTitle, int Port)> moveDestinations = null)
            {
                string root = Root = NewFolder("dcmqrscp");
                string db = Path.Combine(root, "db");
                Directory.CreateDirectory(db);
                var copied = new List<string>();
                int n = 0;
                foreach (string f in files)
                {
                    string target = Path.Combine(db, "f" + (n++) + ".dcm");
                    File.Copy(f, target);
                    copied.Add(target);
                }
                // dcmqrscp forks a process per association (its single-process mode -s crashes after the first one in 3.6.7).
                // dcmqridx takes the files on its command line: index them in batches (argument length).
                for (int i = 0; i < copied.Count; i += 200)
                {
                    var (code, output) = Run("dcmqridx", "\"" + db + "\" " + string.Join(" ", copied.Skip(i).Take(200).Select(f => "\"" + f + "\"")));
                    if (code != 0) throw new InvalidOperationException("dcmqridx failed: " + output);
                }
                Port = FreePort();
                var config = new StringBuilder();
                config.AppendLine("NetworkTCPPort = " + Port);
                config.AppendLine("MaxPDUSize = 16384");
                config.AppendLine("MaxAssociations = 16");
                config.AppendLine("HostTable BEGIN");
                foreach (var d in moveDestinations ?? Enumerable.Empty<(string, int)>())
                    config.AppendLine(d.AeTitle.ToLowerInvariant() + " = (" + d.AeTitle + ", 127.0.0.1, " + d.Port + ")");
                config.AppendLine("HostTable END");
                config.AppendLine("VendorTable BEGIN");
                config.AppendLine("VendorTable END");
                config.AppendLine("AETable BEGIN");
                config.AppendLine(PacsAeTitle + " \"" + db + "\" RW (500, 1024mb) ANY");
                config.AppendLine("AETable END");
                string configPath = Path.Combine(root, "dcmqrscp.cfg");
                File.WriteAllText(configPath, config.ToString());
                _process = Start("dcmqrscp", "-c \"" + configPath + "\" " + Port);
                WaitForPort(Port, 15000);
            }

            public int Port { get; }

            public void Dispose()
            {
                Kill(_process);
                try { Directory.Delete(Root, true); } catch (Exception) { }
            }

            public string Root { get; }
        }

        /// <summary>
        /// Orthanc's DICOM TLS (1.9.0 and later): its certificate and key (PEM), the certificates it trusts (one PEM file), whether
        /// a peer must offer a certificate; with TLS on, Orthanc's DICOM port speaks only TLS, and its moves go out over TLS.
        /// </summary>
        public sealed class OrthancTls
        {
            public string CertificatePath { get; set; }

            public string KeyPath { get; set; }

            public string TrustedCertificatesPath { get; set; }

            public bool RemoteCertificateRequired { get; set; }
        }

        /// <summary>A self-signed certificate for CN=localhost (SAN localhost, 127.0.0.1) made by openssl: key and cert PEM files.</summary>
        public static (string Key, string Cert) MakeCertificate(string folder, string name)
        {
            string key = Path.Combine(folder, name + ".key.pem"), cert = Path.Combine(folder, name + ".cert.pem");
            var (code, output) = Run("openssl", "req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout \""
                + key + "\" -out \"" + cert + "\"");
            if (code != 0) throw new InvalidOperationException("openssl could not make a certificate: " + output);
            return (key, cert);
        }

        /// <summary>Orthanc serving <paramref name="files"/> (uploaded through REST) as AE <see cref="PacsAeTitle"/>; killed on dispose.</summary>
        public sealed class Orthanc : IDisposable
        {
            private readonly Process _process;

            public Orthanc(IEnumerable<string> files, IEnumerable<(string AeTitle, int Port)> moveDestinations = null, OrthancTls tls = null)
            {
                string root = Root = NewFolder("orthanc");
                Port = FreePort();
                HttpPort = FreePort();
                // With TLS, the move destinations are reached over TLS too (the object form of a modality, "UseDicomTls").
                var modalities = string.Join(",", (moveDestinations ?? Enumerable.Empty<(string, int)>())
                    .Select(d => "\"" + d.AeTitle.ToLowerInvariant() + "\": " + (tls == null
                        ? "[\"" + d.AeTitle + "\", \"127.0.0.1\", " + d.Port + "]"
                        : "{ \"AET\": \"" + d.AeTitle + "\", \"Host\": \"127.0.0.1\", \"Port\": " + d.Port + ", \"UseDicomTls\": true }")));
                string tlsJson = tls == null ? string.Empty :
                    "  \"DicomTlsEnabled\": true,\n" +
                    "  \"DicomTlsCertificate\": \"" + tls.CertificatePath + "\",\n" +
                    "  \"DicomTlsPrivateKey\": \"" + tls.KeyPath + "\",\n" +
                    "  \"DicomTlsTrustedCertificates\": \"" + tls.TrustedCertificatesPath + "\",\n" +
                    "  \"DicomTlsRemoteCertificateRequired\": " + (tls.RemoteCertificateRequired ? "true" : "false") + ",\n";
                string json = "{\n" +
                    "  \"Name\": \"HamletTestPacs\",\n" +
                    "  \"StorageDirectory\": \"" + Path.Combine(root, "storage") + "\",\n" +
                    "  \"IndexDirectory\": \"" + Path.Combine(root, "index") + "\",\n" +
                    "  \"HttpPort\": " + HttpPort + ",\n" +
                    "  \"DicomPort\": " + Port + ",\n" +
                    "  \"DicomAet\": \"" + PacsAeTitle + "\",\n" +
                    "  \"RemoteAccessAllowed\": false,\n" +
                    "  \"AuthenticationEnabled\": false,\n" +
                    "  \"DicomCheckCalledAet\": false,\n" +
                    "  \"DicomAlwaysAllowEcho\": true,\n" +
                    "  \"DicomAlwaysAllowStore\": true,\n" +
                    "  \"DicomAlwaysAllowFind\": true,\n" +
                    "  \"DicomAlwaysAllowGet\": true,\n" +
                    "  \"DicomAlwaysAllowMove\": true,\n" +
                    "  \"DicomCheckModalityHost\": false,\n" +
                    "  \"DefaultEncoding\": \"Latin1\",\n" +
                    "  \"Plugins\": [],\n" + tlsJson +
                    "  \"DicomModalities\": {" + modalities + "}\n" +
                    "}\n";
                string configPath = Path.Combine(root, "orthanc.json");
                File.WriteAllText(configPath, json);
                _process = Start("Orthanc", "\"" + configPath + "\"");
                WaitForPort(HttpPort, 30000);
                WaitForPort(Port, 30000);
                using (var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + HttpPort + "/") })
                {
                    System.Threading.Tasks.Parallel.ForEach(files, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 4 }, f =>
                    {
                        // Orthanc's SQLite index answers 500 now and then under four concurrent writers (a busy database, seen once in
                        // ~10,000 posts): a few tries with a short pause; a file it refuses every time still fails the set-up.
                        byte[] bytes = File.ReadAllBytes(f);
                        for (int attempt = 1; ; attempt++)
                        {
                            using (var content = new ByteArrayContent(bytes))
                            {
                                HttpResponseMessage r = http.PostAsync("instances", content).GetAwaiter().GetResult();
                                if (r.IsSuccessStatusCode) break;
                                if (attempt == 5 || (int)r.StatusCode < 500)
                                    throw new InvalidOperationException("Orthanc refused an instance " + attempt + " times: " + r.StatusCode);
                            }
                            System.Threading.Thread.Sleep(200 * attempt);
                        }
                    });
                }
            }

            public int Port { get; }

            public int HttpPort { get; }

            public void Dispose()
            {
                Kill(_process);
                try { Directory.Delete(Root, true); } catch (Exception) { }
            }

            public string Root { get; }
        }
    }
}
