using System;
using System.Collections.Generic;
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
        /// <summary>A table of the standard (src/HamletPS.Generators/Data): the index of a named column, and the rows split into cells.</summary>
        private static (Func<string, int> Column, List<string[]> Rows) ReadStandardTable(string fileName)
        {
            string[] lines = File.ReadAllLines(Path.Combine(TestPaths.StandardTables, fileName));
            string[] header = lines[0].Split('\t');
            return (name => Array.IndexOf(header, name), lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList());
        }

        [Fact]
        public void EveryEntry_HasTheTagVrVmKeywordNameAndRetirementOfItsStandardRow()
        {
            var (column, rows) = ReadStandardTable("data-dictionary.tsv");
            int tag = column("tag"), vr = column("vr"), vm = column("vm"), keyword = column("keyword"), name = column("name"), retired = column("retired");
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

        [Theory]
        [InlineData("Patient")]          // a prefix of many keywords
        [InlineData("PatientNameX")]     // one character longer than a keyword
        [InlineData("patientName")]      // keywords are case-sensitive
        [InlineData("AAAA")]             // sorts before every keyword
        [InlineData("zzzz")]             // sorts after every keyword
        [InlineData("")]
        [InlineData(null)]
        public void LookupKeyword_OfANameThatIsNoKeyword_IsNull(string keyword)
        {
            Assert.Null(DicomDictionary.LookupKeyword(keyword));
        }

        [Fact]
        public void EveryRegistryUid_HasTheNameTypeInfoRetirementAndKeywordOfItsStandardRow()
        {
            var (column, rows) = ReadStandardTable("uid-registry.tsv");
            int uid = column("uid"), name = column("name"), type = column("type"), info = column("info"), retired = column("retired"), keyword = column("keyword");
            Assert.Equal(rows.Count, DicomUids.All.Count);
            foreach (string[] row in rows)
            {
                DicomUidInfo entry = DicomUids.Lookup(row[uid]);
                Assert.True(entry != null, row[uid] + " is missing");
                Assert.Equal(row[uid], entry.Uid);
                Assert.Equal(row[name], entry.Name);
                Assert.Equal(row[type], entry.Type);
                Assert.Equal(row[info].Trim(), entry.Info);
                Assert.Equal(row[retired] == "Y", entry.IsRetired);
                Assert.Equal(row[keyword].Trim(), entry.Keyword);
                Assert.Same(entry, DicomUids.Lookup(row[uid] + "\0"));   // padded as in a dataset
            }
        }

        [Theory]
        [InlineData("1.2.840.10008.1.2.")]     // a prefix of registry UIDs
        [InlineData("1.2.840.10008.1.2.1.999")] // a registry UID with more after it
        [InlineData("0")]
        [InlineData("9")]
        [InlineData("")]
        [InlineData("\0 ")]
        public void UidLookup_OfAUidOutsideTheRegistry_IsNull(string uid)
        {
            Assert.Null(DicomUids.Lookup(uid));
        }

        [Fact]
        public void TransferSyntaxes_AreEveryTransferSyntaxOfTheRegistry()
        {
            var expected = DicomUids.All.Where(u => u.IsTransferSyntax).Select(u => u.Uid).OrderBy(u => u, StringComparer.Ordinal);
            var known = HamletPS.Dicom.IO.DicomTransferSyntax.All.Select(t => t.Uid).OrderBy(u => u, StringComparer.Ordinal);
            Assert.Equal(expected, known);
            Assert.True(known.Count() > 30);
        }
    }
}
