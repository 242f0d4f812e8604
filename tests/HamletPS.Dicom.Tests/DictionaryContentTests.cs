using System;
using System.IO;
using System.Linq;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using Xunit;

namespace HamletPS.Dicom.Tests
{
    /// <summary>The dictionary as the toolkit parses it, row by row against the PS3.6 table it was generated from.</summary>
    public class DictionaryContentTests
    {
        [Fact]
        public void EveryEntry_HasTheTagVrVmKeywordNameAndRetirementOfItsStandardRow()
        {
            string[] lines = File.ReadAllLines(Path.Combine(TestPaths.SharedStandard, "data-dictionary.tsv"));
            string[] header = lines[0].Split('\t');
            int tag = Array.IndexOf(header, "tag"), vr = Array.IndexOf(header, "vr"), vm = Array.IndexOf(header, "vm"),
                keyword = Array.IndexOf(header, "keyword"), name = Array.IndexOf(header, "name"), retired = Array.IndexOf(header, "retired");
            var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
            Assert.Equal(rows.Count, DicomDictionary.Entries.Count);
            foreach (string[] row in rows)
            {
                string pattern = row[tag];
                DicomDictionaryEntry entry = pattern.Contains("x")
                    ? DicomDictionary.Entries.Single(e => e.TagPattern == pattern)
                    : DicomDictionary.Lookup(new DicomTag(Convert.ToUInt32(pattern.Substring(1, 4) + pattern.Substring(6, 4), 16)));
                Assert.True(entry != null, pattern + " is missing");
                Assert.Equal(pattern, entry.TagPattern);
                Assert.Equal(row[vr], entry.VRText);
                Assert.Equal(row[vr] == "NONE" ? 0 : row[vr].Split(new[] { " or " }, StringSplitOptions.None).Length, entry.ValueRepresentations.Count);
                if (entry.VR != null) Assert.Equal(row[vr].Substring(0, 2), entry.VR.Code);
                Assert.Equal(row[vm], entry.VM);
                Assert.Equal(row[keyword], entry.Keyword);
                Assert.Equal(row[name], entry.Name);
                Assert.Equal(row[retired] == "Y", entry.IsRetired);
                if (row[keyword].Length > 0) Assert.Same(entry, DicomDictionary.LookupKeyword(row[keyword]));
            }
        }

        [Fact]
        public void RepeatingEntries_MatchEveryTagOfTheirRangeAndNoOther()
        {
            DicomDictionaryEntry overlay = DicomDictionary.Lookup(new DicomTag(0x60223000));
            Assert.Equal("(60xx,3000)", overlay.TagPattern);
            Assert.Equal("OverlayData", overlay.Keyword);
            Assert.True(overlay.IsRepeating);
            Assert.Null(DicomDictionary.Lookup(new DicomTag(0x60233001)));
        }
    }
}
