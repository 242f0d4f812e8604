using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using Xunit;

namespace HamletPS.Dicom.Tests
{
    public class CorpusRoundTripTests : IClassFixture<CorpusFixture>
    {
        /// <summary>
        /// Corpus files that are broken by design and that HamletPS rejects (fail closed) with a DicomFormatException.
        /// pydicom returns a partial dataset for these (it reads leniently); we refuse them.
        /// </summary>
        public static readonly Dictionary<string, string> BrokenByDesign = new Dictionary<string, string>
        {
            ["test_files/MR_truncated.dcm"] = "file ends inside the Pixel Data value (length field larger than the bytes left)",
            ["test_files/rtplan_truncated.dcm"] = "file ends inside a sequence",
            ["test_files/no_meta.dcm"] = "starts with a stray byte (0x20) before (0008,0005): no preamble, no meta group, and the first tag " +
                "would be (0820,0500); pydicom (force=True) returns that single garbage element, dcmdump finds no dataset either",
            ["test_files/dicomdirtests/DICOMDIR-nooffset"] = "elements were cut out without fixing the last record's item length: " +
                "the item declares 248 bytes where 224 remain",
        };

        /// <summary>DICOMDIR files: read, but the writer refuses them because it does not recompute record offsets.</summary>
        public static readonly string[] ReadOnlyDicomdirs =
        {
            "test_files/dicomdirtests/DICOMDIR", "test_files/dicomdirtests/DICOMDIR-bigEnd", "test_files/dicomdirtests/DICOMDIR-implicit",
            "test_files/dicomdirtests/DICOMDIR-nopatient", "test_files/dicomdirtests/DICOMDIR-reordered", "test_files/dicomdirtests/TINY_ALPHA/DICOMDIR",
            "test_files/dicomdirtests/DICOMDIR-empty.dcm",
        };

        [Fact]
        public void Corpus_Dicomdirs_AreReadButRefusedByTheWriter()
        {
            var refused = _corpus.NotWritable.Keys.Select(Relative).OrderBy(x => x, StringComparer.Ordinal).ToList();
            Assert.Equal(ReadOnlyDicomdirs.OrderBy(x => x, StringComparer.Ordinal).ToList(), refused);
        }

        private readonly CorpusFixture _corpus;

        public CorpusRoundTripTests(CorpusFixture corpus) { _corpus = corpus; }

        private static string Relative(string path) => path.Substring(TestPaths.PydicomData.Length + 1);

        [Fact]
        public void Corpus_IsFound()
        {
            Assert.True(_corpus.Files.Count > 100, "pydicom corpus not found under " + TestPaths.PydicomData + " (install python3-pydicom)");
        }

        [Fact]
        public void Corpus_OnlyFilesBrokenByDesignAreRejected_WithFileAndOffset()
        {
            var rejected = _corpus.Failures.Keys.Select(Relative).OrderBy(x => x).ToList();
            var problems = new List<string>();
            foreach (var pair in _corpus.Failures)
            {
                string rel = Relative(pair.Key);
                if (!BrokenByDesign.ContainsKey(rel)) problems.Add(rel + ": unexpectedly rejected: " + pair.Value.Message);
                if (pair.Value.Source != pair.Key) problems.Add(rel + ": exception names " + pair.Value.Source);
                if (!pair.Value.Message.Contains("byte offset " + pair.Value.Offset)) problems.Add(rel + ": message lacks the offset");
                if (pair.Value.Offset < 0 || pair.Value.Offset > new FileInfo(pair.Key).Length) problems.Add(rel + ": offset " + pair.Value.Offset + " outside the file");
            }
            foreach (var rel in BrokenByDesign.Keys)
                if (!rejected.Contains(rel)) problems.Add(rel + ": documented as broken but was read");
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void Corpus_RoundTrip_PydicomReadsIdenticalElements()
        {
            var problems = new List<string>();
            foreach (var pair in _corpus.Copies)
            {
                var orig = _corpus.Pydicom[pair.Key];
                var ours = _corpus.Pydicom[pair.Value];
                string rel = Relative(pair.Key);
                if (orig.TryGetProperty("error", out var oe)) { problems.Add(rel + ": pydicom cannot read the original: " + oe); continue; }
                if (ours.TryGetProperty("error", out var e)) { problems.Add(rel + ": pydicom cannot read our copy: " + e); continue; }
                string ots = orig.GetProperty("ts").GetString();
                if (ots.Length > 0 && ots != ours.GetProperty("ts").GetString())
                    problems.Add(rel + ": transfer syntax " + ots + " became " + ours.GetProperty("ts").GetString());
                foreach (var d in PydicomOracle.Compare(orig.GetProperty("elements"), ours.GetProperty("elements")).Take(5))
                    problems.Add(rel + ": " + d);
            }
            Assert.True(_corpus.Copies.Count > 100);
            Assert.True(problems.Count == 0, problems.Count + " differences:\n" + string.Join("\n", problems));
        }

        [Fact]
        public void Corpus_RoundTrip_DcmdumpReadsIdenticalElements()
        {
            var problems = new List<string>();
            int compared = 0;
            foreach (var pair in _corpus.Copies)
            {
                string rel = Relative(pair.Key);
                var orig = DcmdumpOracle.Dump(pair.Key);
                if (orig.ExitCode != 0) continue; // dcmdump cannot read the original: nothing to compare with
                var ours = DcmdumpOracle.Dump(pair.Value);
                if (ours.ExitCode != 0) { problems.Add(rel + ": dcmdump rejects our copy: " + ours.StdErr.Trim()); continue; }
                compared++;
                int n = Math.Max(orig.Lines.Count, ours.Lines.Count);
                for (int i = 0; i < n; i++)
                {
                    string a = i < orig.Lines.Count ? orig.Lines[i] : "<none>";
                    string b = i < ours.Lines.Count ? ours.Lines[i] : "<none>";
                    if (a != b) { problems.Add(rel + ": line " + (i + 1) + ":\n  orig: " + Trim(a) + "\n  ours: " + Trim(b)); break; }
                }
            }
            Assert.True(compared > 100, "only " + compared + " files compared");
            Assert.True(problems.Count == 0, problems.Count + " differences:\n" + string.Join("\n", problems));
        }

        /// <summary>Attributes that say who the patient is, or which study and instance: every reader must take the same bytes for them.</summary>
        private static readonly DicomTag[] IdentityTags =
        {
            DicomTags.PatientID, DicomTags.PatientName, DicomTags.PatientBirthDate, DicomTags.IssuerOfPatientID, DicomTags.OtherPatientIDs,
            DicomTags.AccessionNumber, DicomTags.StudyID, DicomTags.StudyInstanceUID, DicomTags.SeriesInstanceUID, DicomTags.SOPInstanceUID,
        };

        [Fact]
        public void Corpus_IdentityAttributes_AreReadAsPydicomReadsThem()
        {
            var problems = new List<string>();
            int compared = 0;
            foreach (var path in _corpus.Files)
            {
                if (_corpus.Failures.ContainsKey(path)) continue;
                var py = _corpus.Pydicom[path];
                if (py.TryGetProperty("error", out _)) continue;
                var theirs = new Dictionary<string, System.Text.Json.JsonElement>(StringComparer.Ordinal);
                foreach (var el in py.GetProperty("elements").EnumerateArray()) theirs[el[0].GetString()] = el;
                var ds = DicomFile.Open(path).Dataset;
                foreach (var tag in IdentityTags)
                {
                    string key = tag.Group.ToString("X4") + tag.Element.ToString("X4");
                    bool ours = ds.Contains(tag);
                    if (!theirs.TryGetValue(key, out var el))
                    {
                        if (ours) problems.Add(Relative(path) + ": " + tag.Keyword + " only in ours");
                        continue;
                    }
                    if (!ours) { problems.Add(Relative(path) + ": " + tag.Keyword + " missing from ours"); continue; }
                    compared++;
                    string vr = ds.GetElement(tag).VR.Code;
                    if (vr != el[1].GetString()) problems.Add(Relative(path) + ": " + tag.Keyword + " VR " + el[1].GetString() + " vs ours " + vr);
                    string expected = el[2].ToString();
                    string actual = PythonRepr(ds.GetStrings(tag));
                    while (vr == "PN" && actual != null && actual.EndsWith("='", StringComparison.Ordinal))
                        actual = actual.Substring(0, actual.Length - 2) + "'"; // pydicom drops empty trailing component groups
                    if (actual != null && expected != actual) problems.Add(Relative(path) + ": " + tag.Keyword + " " + expected + " vs ours " + actual);
                }
            }
            Assert.True(compared > 500, "only " + compared + " values compared");
            Assert.True(problems.Count == 0, problems.Count + " differences:\n" + string.Join("\n", problems));
        }

        /// <summary>pydicom_dump.py's form of a text value (repr of one value, a list of reprs for several); null where repr would escape.</summary>
        private static string PythonRepr(string[] values)
        {
            foreach (var v in values)
                foreach (char c in v)
                    if (c == '\'' || c == '\\' || c < ' ' || c == 127) return null;
            if (values.Length == 0) return "''";
            if (values.Length == 1) return "'" + values[0] + "'";
            return "[" + string.Join(", ", values.Select(v => "'" + v + "'")) + "]";
        }

        private static string Trim(string s) => s.Length > 160 ? s.Substring(0, 160) + "..." : s;
    }
}
