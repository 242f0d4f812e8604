using System;
using System.IO;
using System.Linq;
using System.Text;
using HamletPS.Core.Archive;
using Xunit;
using static HamletPS.Core.Tests.Archive.ArchiveTestSupport;

namespace HamletPS.Core.Tests.Archive
{
    public class ArchiveManifestJsonTests
    {
        private static ArchiveManifest TwoSeries()
        {
            var m = new ArchiveManifest { Profile = "hamlet-rt-v1", CreatedUtc = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc) };
            for (int i = 0; i < 3; i++)
            {
                m.Add(new ArchiveManifestRow
                {
                    StudyId = "123-1001", StudyInstanceUid = "2.25.1", SeriesInstanceUid = i < 2 ? "2.25.2" : "2.25.3", SopInstanceUid = "2.25.4." + i,
                    Modality = i < 2 ? "CT" : "RTSTRUCT", SopClassUid = "1.2.840.10008.5.1.4.1.1.2", SopClassName = "CT Image Storage, \"x\"",
                    FileSize = 5_000_000_000L + i, Sha256 = new string((char)('a' + i), 64), EntryPath = "123-1001/s/" + i + ".dcm",
                });
            }
            return m;
        }

        [Fact]
        public void Parse_ReadsBackEveryFileMemberWritten()
        {
            ArchiveManifest written = TwoSeries();
            ArchiveManifest back = ArchiveManifestJson.Parse(ArchiveManifestJson.Write(written));

            string Row(ArchiveManifestRow r) => string.Join("|", r.StudyId, r.StudyInstanceUid, r.SeriesInstanceUid, r.SopInstanceUid, r.Modality,
                r.SopClassUid, r.SopClassName, r.FileSize, r.Sha256, r.EntryPath);
            Assert.Equal(written.Rows.Select(Row), back.Rows.Select(Row));
            Assert.Equal(written.CreatedUtc, back.CreatedUtc);
            Assert.Equal("hamlet-rt-v1", back.Profile);
        }

        [Fact]
        public void Write_SeriesAndFiles_AreWhatPythonReads()
        {
            using var temp = new TempFolder("manifest");
            string json = temp.File("manifest.json");
            File.WriteAllBytes(json, ArchiveManifestJson.Write(TwoSeries()));
            try
            {
                var (code, stdout, stderr) = Run(Python, "-c",
                    "import json,sys; j=json.load(open(sys.argv[1])); " +
                    "print(';'.join('%s,%s,%d' % (s['seriesInstanceUid'], s['modality'], s['fileCount']) for s in j['series'])); " +
                    "print(';'.join('%s,%d,%s' % (f['sopInstanceUid'], f['fileSize'], f['sopClassName']) for f in j['files'])); " +
                    "print(sorted(j['files'][0].keys()))", json);
                Assert.True(code == 0, stderr);
                string[] lines = stdout.Split('\n');
                Assert.Equal("2.25.2,CT,2;2.25.3,RTSTRUCT,1", lines[0]);
                Assert.Equal("2.25.4.0,5000000000,CT Image Storage, \"x\";2.25.4.1,5000000001,CT Image Storage, \"x\";2.25.4.2,5000000002,CT Image Storage, \"x\"", lines[1]);
                Assert.Equal("['entryPath', 'fileSize', 'modality', 'seriesInstanceUid', 'sha256', 'sopClassName', 'sopClassUid', 'sopInstanceUid', 'studyId', 'studyInstanceUid']", lines[2]);
            }
            finally
            {
                File.Delete(json);
            }
        }

        [Theory]
        [InlineData("\"fileSize\": \"12\"")]
        [InlineData("\"size\": 12")]
        public void Parse_FileWithoutANumericSize_IsRejectedNamingTheItem(string member)
        {
            string json = "{\"format\":\"" + ArchiveManifest.FormatName + "\",\"createdUtc\":\"2024-01-01T00:00:00Z\",\"files\":[" +
                          "{\"studyId\":\"a\",\"fileSize\":1},{\"studyId\":\"b\"," + member + "}]}";
            var ex = Assert.Throws<InvalidDataException>(() => ArchiveManifestJson.Parse(Encoding.UTF8.GetBytes(json)));
            Assert.Equal("manifest.json: files[1] has no numeric fileSize", ex.Message);
        }
    }
}
