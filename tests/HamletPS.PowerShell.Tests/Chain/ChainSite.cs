using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using HamletPS.Synthetic;
using Xunit;
using static HamletPS.PowerShell.Tests.Commands.NetworkPeers;

namespace HamletPS.PowerShell.Tests.Chain
{
    /// <summary>
    /// A site folder for the whole-chain tests: an HTP-format config.yaml (incoming/sorted/outgoing, DICOM node, folder key,
    /// AZURE section pointing at the local Files endpoint), a mapping.csv for the canary patient, the canary RT study written
    /// where storescu sends it from, and the independent checks of what reached the share (az cli, unzip, pydicom).
    /// </summary>
    internal sealed class ChainSite : IDisposable
    {
        public const string StudyId = "999_7001";
        public const string ShareName = "incoming";
        public const string ShareDirectory = "nightly";
        public const string AETitle = "HAMLETCHAIN";

        public ChainSite(AzureFilesEndpoint.AzureFilesEndpoint endpoint, string profile = null, int slices = 3)
        {
            Endpoint = endpoint;
            _folder = new TempFolder("chain");
            Port = FreePort();
            Canary = new CanaryStudy(new RtStudyOptions { Slices = slices, ImageSize = 32 });
            Study = Canary.Write(Path.Combine(Root, "tps-export"));
            File.WriteAllText(ConfigPath,
                "APP:\n  SITE: chainsite\n  USER: t1\n" +
                "DATAPATH:\n  INCOMING: incoming/\n  SORTED: sorted/\n  OUTGOING: outgoing/\n" +
                "DICOMNODE:\n  AET: " + AETitle + "\n  PORT: " + Port + "\n" +
                "CIPHER:\n  FOLDERKEY: Chain0Test1Key2ForSynthetic3Data\n" +
                "AZURE:\n  ACCOUNTNAME: " + endpoint.AccountName + "\n  SHARENAME: " + ShareName + "\n  DIRECTORY: " + ShareDirectory +
                "\n  URL: " + endpoint.ServiceUri + "\n  KEY: " + endpoint.AccountKey + "\n" +
                (profile == null ? "" : "HAMLET:\n  PROFILE: " + profile + "\n"));
            File.WriteAllText(Path.Combine(Root, "mapping.csv"), "MRN,Study_ID\r\n" + CanaryStudy.PatientId + "," + StudyId + "\r\n");
            endpoint.CreateShare(ShareName);
            endpoint.ResetCounters(); // the tests count the requests the cmdlets made
        }

        public AzureFilesEndpoint.AzureFilesEndpoint Endpoint { get; }
        private readonly TempFolder _folder;

        public string Root => _folder.Path;
        public int Port { get; }
        public CanaryStudy Canary { get; }
        public RtStudy Study { get; }
        public string ConfigPath => Path.Combine(Root, "config.yaml");
        public string Incoming => Path.Combine(Root, "incoming");
        public string Sorted => Path.Combine(Root, "sorted");
        public string Protected => Path.Combine(Root, "protected");
        public string Outgoing => Path.Combine(Root, "outgoing");
        public string Vault => Path.Combine(Root, "vault");
        public string Ledgers => Path.Combine(Root, "ledgers");

        /// <summary>The five steps in one pipeline, every default from the site configuration ($args[0]); $args[1] = -Count.</summary>
        public const string ChainScript =
            "Receive-Dicom -ConfigPath $args[0] -Count $args[1] | " +
            "Invoke-DicomSort -ConfigPath $args[0] -SettleSeconds 0 | " +
            "Protect-DicomPatient -ConfigPath $args[0] -VaultPath $args[2] | " +
            "New-HamletArchive -ConfigPath $args[0] -Verify | " +
            "Send-AzureShare -ConfigPath $args[0] -LedgerPath $args[3]";

        public object[] ChainArguments(int count) => new object[] { ConfigPath, count, Vault, Ledgers };

        /// <summary>storescu (dcmtk) pushes files to the receiver in one association.</summary>
        public void Push(IEnumerable<string> files)
        {
            WaitForPort(Port);
            var (code, log) = Run("storescu", "-aec " + AETitle + " -aet TPS_SCU 127.0.0.1 " + Port + " " + string.Join(" ", files.Select(f => "\"" + f + "\"")), 120000);
            Assert.True(code == 0, "storescu failed: " + log);
        }

        /// <summary>A copy of one study file that the receiver accepts but the sorter must quarantine (no valid Study Instance UID).</summary>
        public string WriteFileWithoutStudyUid()
        {
            string folder = Path.Combine(Root, "bad");
            Directory.CreateDirectory(folder);
            string bad = Path.Combine(folder, "bad.dcm");
            File.Copy(Study.Files[0].Path, bad);
            var (code, log) = Run("dcmodify", "-nb -ma \"(0020,000d)=\" -ma \"(0008,0018)=2.25.424242424242\" \"" + bad + "\"", 30000);
            Assert.True(code == 0, "dcmodify failed: " + log);
            return bad;
        }

        /// <summary>Downloads a file of the share with azure-cli (an independent client) into the site folder.</summary>
        public string DownloadWithAzureCli(string remotePath)
        {
            string local = Path.Combine(Root, "downloaded", Path.GetFileName(remotePath));
            Directory.CreateDirectory(Path.GetDirectoryName(local));
            var psi = new ProcessStartInfo("az") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in new[] { "storage", "file", "download", "--share-name", ShareName, "--path", remotePath, "--dest", local, "--only-show-errors" }) psi.ArgumentList.Add(a);
            psi.Environment["AZURE_STORAGE_CONNECTION_STRING"] = Endpoint.ConnectionString;
            psi.Environment["AZURE_CORE_COLLECT_TELEMETRY"] = "false";
            psi.Environment["AZURE_CONFIG_DIR"] = Path.Combine(Root, "azcli");
            using Process p = Process.Start(psi);
            var stdout = p.StandardOutput.ReadToEndAsync();
            string stderr = p.StandardError.ReadToEnd();
            Assert.True(p.WaitForExit(120000), "az did not finish");
            Assert.True(p.ExitCode == 0, "az storage file download failed: " + stderr + stdout.Result);
            return local;
        }

        /// <summary>`unzip -t` on the archive: every entry's CRC checks.</summary>
        public static void AssertUnzipTestPasses(string zip)
        {
            var (code, log) = Run("unzip", "-t \"" + zip + "\"", 60000);
            Assert.True(code == 0, "unzip -t failed: " + log);
            Assert.Contains("No errors detected", log);
        }

        /// <summary>
        /// pydicom reads every DICOM entry of the archive straight from the zip; each entry's size, SHA-256, SOP Instance/Class,
        /// Study/Series UID and modality match its manifest.json row, manifest.csv has the same rows, and no entry is unlisted.
        /// Returns the JSON summary pydicom's script printed (count, studyIds, sopClasses).
        /// </summary>
        public JsonElement VerifyWithPydicom(string zip)
        {
            string script = Path.Combine(Root, "verify_archive.py");
            File.WriteAllText(script, VerifyScript);
            var (code, output) = Run("/usr/bin/python3", "\"" + script + "\" \"" + zip + "\"", 120000);
            Assert.True(code == 0, "pydicom verification failed: " + output);
            string last = output.Trim().Split('\n').Last();
            return JsonDocument.Parse(last).RootElement.Clone();
        }

        private const string VerifyScript =
            "import sys, io, csv, json, zipfile, hashlib\n" +
            "import pydicom\n" +
            "z = zipfile.ZipFile(sys.argv[1])\n" +
            "m = json.loads(z.read('manifest.json'))\n" +
            "rows = m['files']; bad = []\n" +
            "if m['fileCount'] != len(rows): bad.append('fileCount')\n" +
            "entries = [n for n in z.namelist() if not n.endswith('/') and n not in ('manifest.json', 'manifest.csv')]\n" +
            "if sorted(entries) != sorted(r['entryPath'] for r in rows): bad.append('entries differ from manifest')\n" +
            "csvrows = list(csv.DictReader(io.StringIO(z.read('manifest.csv').decode('utf-8-sig'))))\n" +
            "if len(csvrows) != len(rows): bad.append('manifest.csv rows %d != %d' % (len(csvrows), len(rows)))\n" +
            "mods = {}\n" +
            "for r in rows:\n" +
            "    data = z.read(r['entryPath'])\n" +
            "    if len(data) != r['fileSize']: bad.append('size ' + r['entryPath'])\n" +
            "    if hashlib.sha256(data).hexdigest() != r['sha256']: bad.append('sha256 ' + r['entryPath'])\n" +
            "    ds = pydicom.dcmread(io.BytesIO(data))\n" +
            "    for attr, key in (('SOPInstanceUID', 'sopInstanceUid'), ('SOPClassUID', 'sopClassUid'), ('StudyInstanceUID', 'studyInstanceUid'), ('SeriesInstanceUID', 'seriesInstanceUid'), ('Modality', 'modality')):\n" +
            "        if str(getattr(ds, attr)) != r[key]: bad.append(attr + ' ' + r['entryPath'])\n" +
            "    if str(ds.PatientID) != r['studyId']: bad.append('PatientID ' + r['entryPath'])\n" +
            "    ds.PixelData if 'PixelData' in ds else None\n" +
            "    mods[r['sopClassUid']] = mods.get(r['sopClassUid'], 0) + 1\n" +
            "for s in m['series']:\n" +
            "    n = sum(1 for r in rows if r['seriesInstanceUid'] == s['seriesInstanceUid'])\n" +
            "    if n != s['fileCount']: bad.append('series count ' + s['seriesInstanceUid'])\n" +
            "if bad: print('\\n'.join(bad)); sys.exit(1)\n" +
            "print(json.dumps({'count': len(rows), 'studyIds': m['studyIds'], 'sopClasses': mods}))\n";

        /// <summary>Extracts the archive with unzip (entry names as written) for the canary scan of names and bytes.</summary>
        public string Extract(string zip)
        {
            string folder = Path.Combine(Root, "extracted-" + Path.GetFileNameWithoutExtension(zip));
            var (code, log) = Run("unzip", "-q -o \"" + zip + "\" -d \"" + folder + "\"", 60000);
            Assert.True(code == 0, "unzip failed: " + log);
            return folder;
        }

        public void Dispose()
        {
            _folder.Dispose();
        }
    }
}
