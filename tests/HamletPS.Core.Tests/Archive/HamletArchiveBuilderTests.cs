using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using HamletPS.Core.Archive;
using Xunit;
using static HamletPS.Core.Tests.Archive.ArchiveTestSupport;

namespace HamletPS.Core.Tests.Archive
{
    public class HamletArchiveBuilderTests
    {
        // A protected tree of two patients: CT slices (deflate) and one "encapsulated" file the caller marks Store.
        private static Dictionary<string, ArchiveEntryInfo> MakeTree(TempFolder tmp, string root)
        {
            var infos = new Dictionary<string, ArchiveEntryInfo>();
            foreach (string study in new[] { "123-1001", "123-1002" })
            {
                string studyUid = "1.2.826.0.1.3680043.10.1." + study.Substring(4);
                for (int i = 1; i <= 3; i++)
                {
                    string series = studyUid + ".1";
                    string sop = series + "." + i;
                    string rel = $"{study}/{studyUid}/CT_1_{series}/{sop}.dcm";
                    string path = tmp.WriteFile(root + "/" + rel, ImageLike(64 * 1024, i + study.GetHashCode()));
                    infos[path] = new ArchiveEntryInfo
                    {
                        StudyId = study, StudyInstanceUid = studyUid, SeriesInstanceUid = series, SopInstanceUid = sop, Modality = "CT",
                        SopClassUid = "1.2.840.10008.5.1.4.1.1.2", SopClassName = "CT Image Storage",
                    };
                }
                string rtUid = studyUid + ".9";
                string rtPath = tmp.WriteFile($"{root}/{study}/{studyUid}/RTDOSE_9_{rtUid}/{rtUid}.1.dcm", Random(20000, study.Length));
                infos[rtPath] = new ArchiveEntryInfo
                {
                    StudyId = study, StudyInstanceUid = studyUid, SeriesInstanceUid = rtUid, SopInstanceUid = rtUid + ".1", Modality = "RTDOSE",
                    SopClassUid = "1.2.840.10008.5.1.4.1.1.481.2", SopClassName = "RT Dose Storage, \"quoted\"", Compression = ZipCompressionMethod.Store,
                };
            }
            return infos;
        }

        [Fact]
        public void SingleArchive_IsNamedFromTheTemplate_WithRelativeEntryPaths_AndAManifest()
        {
            using var tmp = new TempFolder();
            var infos = MakeTree(tmp, "protected");
            var builder = new HamletArchiveBuilder(new HamletArchiveOptions
            {
                OutputDirectory = tmp.Combine("outgoing"), Site = "RMH", User = "physicist1", Profile = "hamlet-rt-v1", Verify = true,
            });
            ArchiveResult r = builder.Build(tmp.Combine("protected"), p => infos[p]).Single();

            Assert.Matches(new Regex("^RMH_physicist1-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.zip$"), Path.GetFileName(r.ArchivePath));
            Assert.Equal(new[] { r.ArchivePath }, Directory.GetFiles(tmp.Combine("outgoing")));
            Assert.Equal(8, r.EntryCount);
            Assert.True(r.Verified);
            Assert.Equal(new[] { "123-1001", "123-1002" }, r.StudyIds);
            Assert.Equal(infos.Keys.Sum(p => new FileInfo(p).Length), r.BytesIn);
            Assert.Equal(new FileInfo(r.ArchivePath).Length, r.BytesOut);
            Assert.InRange(r.Ratio, 0.01, 0.99);

            AssertUnzipTestPasses(r.ArchivePath);
            var py = InspectWithPython(r.ArchivePath);
            var expectedNames = infos.Keys.Select(p => Path.GetRelativePath(tmp.Combine("protected"), p).Replace('\\', '/'))
                .OrderBy(x => x, StringComparer.Ordinal).Concat(new[] { "manifest.csv", "manifest.json" });
            Assert.Equal(expectedNames, py.Select(e => e.Name));
            Assert.All(py.Where(e => e.Name.Contains("RTDOSE")), e => Assert.Equal(0, e.Method));
            Assert.All(py.Where(e => e.Name.Contains("/CT_")), e => Assert.Equal(8, e.Method));
        }

        private const string PythonManifest = @"
import sys, zipfile, csv, io, json, hashlib
z = zipfile.ZipFile(sys.argv[1])
rows = list(csv.DictReader(io.StringIO(z.read('manifest.csv').decode('utf-8'), newline='')))
j = json.loads(z.read('manifest.json'))
problems = []
for r in rows:
    data = z.read(r['EntryPath'])
    if hashlib.sha256(data).hexdigest() != r['SHA256']: problems.append('hash ' + r['EntryPath'])
    if len(data) != int(r['FileSize']): problems.append('size ' + r['EntryPath'])
if [f['entryPath'] for f in j['files']] != [r['EntryPath'] for r in rows]: problems.append('json/csv order')
for f, r in zip(j['files'], rows):
    if f['sha256'] != r['SHA256'] or f['sopClassName'] != r['SOPClassName'] or f['sopInstanceUid'] != r['SOPInstanceUID']: problems.append('json/csv value')
print(json.dumps({'problems': problems, 'rows': len(rows), 'columns': list(rows[0].keys()), 'series': j['series'],
                  'tool': j['tool'], 'toolVersion': j['toolVersion'], 'profile': j['profile'], 'createdUtc': j['createdUtc'],
                  'fileCount': j['fileCount'], 'names': sorted(z.namelist()), 'quoted': rows[-1]['SOPClassName']}))
";

        [Fact]
        public void Manifest_CsvAndJson_ParseWithPython_AndMatchTheEntries()
        {
            using var tmp = new TempFolder();
            var infos = MakeTree(tmp, "protected");
            ArchiveResult r = new HamletArchiveBuilder(new HamletArchiveOptions
            {
                OutputDirectory = tmp.Combine("out"), Site = "S", User = "U", Profile = "hamlet-rt-v1",
            }).Build(tmp.Combine("protected"), p => infos[p]).Single();

            var (code, stdout, stderr) = Run(Python, "-c", PythonManifest, r.ArchivePath);
            Assert.True(code == 0, stderr);
            using var doc = JsonDocument.Parse(stdout);
            JsonElement o = doc.RootElement;
            Assert.Empty(o.GetProperty("problems").EnumerateArray());
            Assert.Equal(8, o.GetProperty("rows").GetInt32());
            Assert.Equal(8, o.GetProperty("fileCount").GetInt32());
            Assert.Equal(ArchiveManifestCsv.Columns, o.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
            Assert.Equal(HamletPS.Core.ProductInfo.Version, o.GetProperty("toolVersion").GetString());
            Assert.Equal("HamletPS", o.GetProperty("tool").GetString());
            Assert.Equal("hamlet-rt-v1", o.GetProperty("profile").GetString());
            Assert.Equal("RT Dose Storage, \"quoted\"", o.GetProperty("quoted").GetString());
            Assert.Matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", o.GetProperty("createdUtc").GetString());
            var series = o.GetProperty("series").EnumerateArray().ToList();
            Assert.Equal(4, series.Count);
            Assert.Equal(new[] { 3, 1, 3, 1 }, series.Select(s => s.GetProperty("fileCount").GetInt32()));

            ArchiveManifest back = ArchiveManifestReader.Read(r.ArchivePath);
            Assert.Equal(r.Manifest.Rows.Select(x => x.Sha256), back.Rows.Select(x => x.Sha256));
            Assert.Equal("hamlet-rt-v1", back.Profile);
            Assert.Equal(4, back.Series.Count);
        }

        [Fact]
        public void PerPatient_WritesOneArchivePerStudyId_NamedAfterIt()
        {
            using var tmp = new TempFolder();
            var infos = MakeTree(tmp, "protected");
            var results = new HamletArchiveBuilder(new HamletArchiveOptions { OutputDirectory = tmp.Combine("out"), PerPatient = true, Verify = true })
                .Build(tmp.Combine("protected"), p => infos[p]);
            Assert.Equal(new[] { "123-1001.zip", "123-1002.zip" }, results.Select(x => Path.GetFileName(x.ArchivePath)));
            foreach (ArchiveResult r in results)
            {
                Assert.Single(r.StudyIds);
                Assert.Equal(4, r.EntryCount);
                var names = InspectWithPython(r.ArchivePath).Select(e => e.Name).ToList();
                Assert.All(names.Where(n => !n.StartsWith("manifest.")), n => Assert.StartsWith(r.StudyIds[0] + "/", n));
                AssertUnzipTestPasses(r.ArchivePath);
            }
        }

        [Fact]
        public void DescribeReturningNull_LeavesTheFileOut()
        {
            using var tmp = new TempFolder();
            var infos = MakeTree(tmp, "protected");
            string skipped = infos.Keys.First();
            var r = new HamletArchiveBuilder(new HamletArchiveOptions { OutputDirectory = tmp.Combine("out"), Site = "S", User = "U" })
                .Build(tmp.Combine("protected"), p => p == skipped ? null : infos[p]).Single();
            Assert.Equal(7, r.EntryCount);
            Assert.Equal(9, InspectWithPython(r.ArchivePath).Count);
        }

        [Theory]
        [InlineData("../123-1001")]
        [InlineData("")]
        [InlineData("a b")]
        public void PerPatient_RejectsAStudyIdThatIsNotASafeFileName(string studyId)
        {
            using var tmp = new TempFolder();
            string f = tmp.WriteFile("protected/x/1.dcm", new byte[10]);
            var builder = new HamletArchiveBuilder(new HamletArchiveOptions { OutputDirectory = tmp.Combine("out"), PerPatient = true });
            var ex = Record.Exception(() => builder.Build(tmp.Combine("protected"), p => new ArchiveEntryInfo { StudyId = studyId }));
            Assert.True(ex is ArgumentException || ex is InvalidDataException, ex?.GetType().Name);
            if (studyId.Length > 0) Assert.DoesNotContain(studyId, ex.Message);
            Assert.False(Directory.Exists(tmp.Combine("out")) && Directory.EnumerateFileSystemEntries(tmp.Combine("out")).Any());
        }

        [Fact]
        public void NameTemplate_ExpandsAllTokens()
        {
            var uuid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
            Assert.Equal("RMH-u1-123-1001-20250131-0f8fad5b-d9cb-469f-a165-70867728950e.zip",
                ArchiveNameTemplate.Expand("{SITE}-{USER}-{STUDYID}-{DATE}-{UUID}", "RMH", "u1", "123-1001", new DateTime(2025, 1, 31), uuid));
            Assert.Throws<ArgumentException>(() => ArchiveNameTemplate.Expand("{NOPE}.zip", "a", "b", null, DateTime.Now, uuid));
            Assert.Throws<ArgumentException>(() => ArchiveNameTemplate.Expand("x/{SITE}.zip", "a", "b", null, DateTime.Now, uuid));
        }

        [Fact]
        public void CancelledBuild_LeavesNothingInOutgoing()
        {
            using var tmp = new TempFolder();
            var infos = MakeTree(tmp, "protected");
            using var cts = new CancellationTokenSource();
            int described = 0;
            Assert.ThrowsAny<OperationCanceledException>(() => new HamletArchiveBuilder(new HamletArchiveOptions
            {
                OutputDirectory = tmp.Combine("out"), Site = "S", User = "U",
            }).Build(tmp.Combine("protected"), p => { if (++described == 4) cts.Cancel(); return infos[p]; }, null, cts.Token));
            Assert.Empty(Directory.GetFiles(tmp.Combine("out")));
        }
    }
}
