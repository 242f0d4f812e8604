using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using HamletPS.Cli.Verbs;
using HamletPS.Core.Deidentification;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>`hamlet archive` on a protected tree of the sample site, judged by Info-ZIP's `unzip -t` and Python's zipfile/pydicom.</summary>
    public sealed class ArchiveVerbTests : ScratchFolderTest
    {
        private const string Python = "/usr/bin/python3";
        public ArchiveVerbTests() : base("hamlet-archiveverb-") { }

        private string Config => Path.Combine(Root, "config.yaml");

        private string Protected => Path.Combine(Root, "data", "protected");

        private string Outgoing => Path.Combine(Root, "data", "outgoing");

        /// <summary>The sample site with its incoming studies protected into data/protected; returns the protected file count.</summary>
        private int ProtectSample()
        {
            SampleData.Write(Root);
            var stderr = new StringWriter();
            int code = ProtectVerbs.RunProtect(new[] { Path.Combine(Root, "data", "incoming") }, Config, new ProtectionRequest(), json: false,
                new CliOutput(new StringWriter(), stderr));
            Assert.True(code == 0, stderr.ToString());
            return Directory.GetFiles(Protected, "*.dcm", SearchOption.AllDirectories).Length;
        }

        private static (int Code, string Out, string Err) Run(string file, params string[] args)
        {
            var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in args) psi.ArgumentList.Add(a);
            using Process p = Process.Start(psi);
            var err = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output, err.Result);
        }

        private const string CheckArchive = @"
import sys, zipfile, hashlib, csv, io, json, pydicom
z = zipfile.ZipFile(sys.argv[1])
rows = list(csv.DictReader(io.StringIO(z.read('manifest.csv').decode('utf-8'), newline='')))
j = json.loads(z.read('manifest.json'))
entries = [n for n in z.namelist() if not n.startswith('manifest.')]
problems = []
for r in rows:
    data = z.read(r['EntryPath'])
    if hashlib.sha256(data).hexdigest() != r['SHA256']: problems.append('hash ' + r['EntryPath'])
    if len(data) != int(r['FileSize']): problems.append('size ' + r['EntryPath'])
    ds = pydicom.dcmread(io.BytesIO(data))
    if ds.SOPInstanceUID != r['SOPInstanceUID'] or ds.PatientID != r['StudyID']: problems.append('uid ' + r['EntryPath'])
print(json.dumps({'problems': problems, 'entries': sorted(entries), 'rows': sorted(r['EntryPath'] for r in rows),
                  'jsonFiles': j['fileCount'], 'studyIds': j['studyIds']}))
";

        [Fact]
        public void Run_OnAProtectedTree_WritesAZipThatUnzipTestsCleanWithAManifestOfEveryFile()
        {
            int files = ProtectSample();
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int code = ArchiveVerb.Run(new ArchiveVerb.Arguments { Paths = new[] { Protected }, ConfigPath = Config, Verify = true }, new CliOutput(stdout, stderr));

            Assert.True(code == 0, stderr.ToString());
            string archive = stdout.ToString().Trim();
            Assert.Equal(Outgoing, Path.GetDirectoryName(archive));
            Assert.Matches("^samplesite_hx-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.zip$", Path.GetFileName(archive));
            Assert.Empty(Directory.GetFiles(Outgoing, "*.partial"));

            var unzip = Run("unzip", "-t", archive);
            Assert.True(unzip.Code == 0, unzip.Out + unzip.Err);
            Assert.Contains("No errors detected", unzip.Out);

            var check = Run(Python, "-c", CheckArchive, archive);
            Assert.True(check.Code == 0, check.Err);
            JsonElement o = JsonDocument.Parse(check.Out).RootElement;
            Assert.Empty(o.GetProperty("problems").EnumerateArray());
            Assert.Equal(files, o.GetProperty("entries").GetArrayLength());
            Assert.Equal(o.GetProperty("entries").ToString(), o.GetProperty("rows").ToString());
            Assert.Equal(files, o.GetProperty("jsonFiles").GetInt32());
            Assert.Contains(SampleData.MappedStudyId, o.GetProperty("studyIds").EnumerateArray().Select(s => s.GetString()));
            foreach (SyntheticPatient p in SampleData.Patients()) Assert.DoesNotContain(p.PatientId, o.GetProperty("entries").ToString());
        }

        [Fact]
        public void Run_OnATreeHoldingAFileThatOnlySaysItIsDeidentified_ExitsOneNamingFileNotSealed_AndWritesNothing()
        {
            ProtectSample();
            string original = Directory.GetFiles(Path.Combine(Root, "data", "incoming"), "*.dcm", SearchOption.AllDirectories).First();
            var forged = Dicom.Data.DicomFile.Open(original);
            forged.Dataset.AddOrUpdate(Dicom.Dictionary.DicomTags.PatientIdentityRemoved, "YES"); // MRN, name and birth date kept
            forged.Save(Path.Combine(Directory.GetDirectories(Protected).First(), "planted.dcm"));
            var stderr = new StringWriter();

            int code = ArchiveVerb.Run(new ArchiveVerb.Arguments { Paths = new[] { Protected }, ConfigPath = Config }, new CliOutput(new StringWriter(), stderr));

            Assert.Equal(1, code);
            Assert.Contains("error: FileNotSealed:", stderr.ToString());
            Assert.Contains("error: ArchiveRefused:", stderr.ToString());
            foreach (SyntheticPatient p in SampleData.Patients()) Assert.DoesNotContain(p.PatientId, stderr.ToString());
            Assert.False(Directory.Exists(Outgoing) && Directory.EnumerateFileSystemEntries(Outgoing).Any());
        }

        [Fact]
        public void Run_PerPatientJson_NamesOneArchivePerStudyId()
        {
            ProtectSample();
            var stdout = new StringWriter();

            int code = ArchiveVerb.Run(new ArchiveVerb.Arguments { Paths = new[] { Protected }, ConfigPath = Config, PerPatient = true, Json = true },
                new CliOutput(stdout, new StringWriter()));

            Assert.Equal(0, code);
            var results = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(2, results.Count);
            Assert.All(results, r => Assert.Equal(r.GetProperty("StudyIds")[0].GetString() + ".zip", Path.GetFileName(r.GetProperty("Path").GetString())));
            Assert.Contains(results, r => Path.GetFileName(r.GetProperty("Path").GetString()) == SampleData.MappedStudyId + ".zip");
        }

        [Fact]
        public void Run_WhatIf_WritesNothing()
        {
            ProtectSample();
            var stdout = new StringWriter();

            Assert.Equal(0, ArchiveVerb.Run(new ArchiveVerb.Arguments { Paths = new[] { Protected }, ConfigPath = Config, WhatIf = true }, new CliOutput(stdout, new StringWriter())));

            Assert.StartsWith("What if: archive " + Protected, stdout.ToString());
            Assert.False(Directory.Exists(Outgoing) && Directory.EnumerateFileSystemEntries(Outgoing).Any());
        }

        [Fact]
        public void Run_MissingInput_IsAUsageErrorNamedFileNotFound_AndWritesNothing()
        {
            ProtectSample();
            var stderr = new StringWriter();

            int code = ArchiveVerb.Run(new ArchiveVerb.Arguments { Paths = new[] { Protected, Path.Combine(Root, "nope") }, ConfigPath = Config },
                new CliOutput(new StringWriter(), stderr));

            Assert.Equal(2, code);
            Assert.StartsWith("error: FileNotFound: Cannot find path '" + Path.Combine(Root, "nope") + "'", stderr.ToString());
            Assert.False(Directory.Exists(Outgoing) && Directory.EnumerateFileSystemEntries(Outgoing).Any());
        }

        [Fact]
        public void Run_WithoutSiteOrConfig_IsAConfigurationError()
        {
            ProtectSample();
            var stderr = new StringWriter();

            int code = ArchiveVerb.Run(new ArchiveVerb.Arguments { Paths = new[] { Protected }, Destination = Path.Combine(Root, "out"), ConfigPath = Path.Combine(Root, "none.yaml") },
                new CliOutput(new StringWriter(), stderr));
            Assert.Equal(2, code);
            Assert.Contains("error: ConfigNotFound:", stderr.ToString());

            code = ArchiveVerb.Run(new ArchiveVerb.Arguments { Paths = new[] { Protected }, Destination = Path.Combine(Root, "out") }, new CliOutput(new StringWriter(), stderr));
            Assert.Equal(2, code);
            Assert.Contains("error: ConfigurationMissing: No Site given and no configuration file sets APP.SITE", stderr.ToString());
            Assert.False(Directory.Exists(Path.Combine(Root, "out")));
        }

        [Fact]
        public void CommandLine_ExitCodes_AreZeroForAnArchiveAndTwoForAMissingInput()
        {
            ProtectSample();
            string cli = Path.Combine(AppContext.BaseDirectory, "hamlet.dll");

            var ok = Run("dotnet", cli, "archive", Protected, "--config-path", Config, "--compression-level", "1");
            Assert.True(ok.Code == 0, ok.Err);
            Assert.True(File.Exists(ok.Out.Trim()), ok.Out);

            var missing = Run("dotnet", cli, "archive", Path.Combine(Root, "nope"), "--config-path", Config);
            Assert.Equal(2, missing.Code);
            Assert.Contains("error: FileNotFound:", missing.Err);
        }
    }
}
