using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HamletPS.Core.Deidentification;
using HamletPS.Generators;
using HamletPS.TestSupport;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification
{
    public class ConfidentialityProfileTableTests
    {
        private static string RepoRoot() => RepositoryPaths.Root;

        private static string StandardFolder() =>
            Path.GetFullPath(Path.Combine(RepoRoot(), ProfileTableGenerator.DefaultStandardFolder));

        private static string TsvPath()
        {
            string path = Path.Combine(StandardFolder(), ProfileTableGenerator.InputFileName);
            Assert.True(File.Exists(path), "the generator's input table is missing from the repository: " + path);
            return path;
        }

        private static readonly Dictionary<string, ConfidentialityAction> Codes = new Dictionary<string, ConfidentialityAction>
        {
            [""] = ConfidentialityAction.None, ["K"] = ConfidentialityAction.Keep, ["X"] = ConfidentialityAction.Remove,
            ["Z"] = ConfidentialityAction.Zero, ["D"] = ConfidentialityAction.Dummy, ["C"] = ConfidentialityAction.Clean,
            ["U"] = ConfidentialityAction.Uid, ["Z/D"] = ConfidentialityAction.ZeroOrDummy, ["X/Z"] = ConfidentialityAction.RemoveOrZero,
            ["X/D"] = ConfidentialityAction.RemoveOrDummy, ["X/Z/D"] = ConfidentialityAction.RemoveOrZeroOrDummy,
            ["X/Z/U*"] = ConfidentialityAction.RemoveOrZeroOrUid,
        };

        [Fact]
        public void GeneratedTable_IsCurrentWithTheTsv()
        {
            using var temp = new TempFolder("profile");
            string fresh = ProfileTableGenerator.GenerateFile(TsvPath(), temp.Path);
            string checkedIn = Path.Combine(RepoRoot(), ProfileTableGenerator.DefaultOutputFolder, ProfileTableGenerator.OutputFileName);
            Assert.True(File.ReadAllBytes(fresh).SequenceEqual(File.ReadAllBytes(checkedIn)),
                "Generated/" + ProfileTableGenerator.OutputFileName + " is stale: run `dotnet run --project src/HamletPS.Generators -- profile`");
        }

        [Fact]
        public void Generator_IsDeterministic()
        {
            string tsv = File.ReadAllText(TsvPath());
            Assert.Equal(ProfileTableGenerator.Generate(tsv), ProfileTableGenerator.Generate(tsv));
        }

        [Fact]
        public void Table_HasTheRowCountOfTheReadme() => Assert.Equal(621, ConfidentialityProfileTable.Rows.Count);

        [Theory]
        [InlineData(ConfidentialityAction.Remove, 384)]
        [InlineData(ConfidentialityAction.Dummy, 92)]
        [InlineData(ConfidentialityAction.Uid, 54)]
        [InlineData(ConfidentialityAction.Zero, 42)]
        [InlineData(ConfidentialityAction.RemoveOrDummy, 22)]
        [InlineData(ConfidentialityAction.RemoveOrZero, 11)]
        [InlineData(ConfidentialityAction.RemoveOrZeroOrDummy, 8)]
        [InlineData(ConfidentialityAction.ZeroOrDummy, 6)]
        [InlineData(ConfidentialityAction.RemoveOrZeroOrUid, 2)]
        [InlineData(ConfidentialityAction.Keep, 0)]
        [InlineData(ConfidentialityAction.Clean, 0)]
        [InlineData(ConfidentialityAction.None, 0)]
        public void BasicColumn_CountsMatchTheReadme(ConfidentialityAction action, int expected) =>
            Assert.Equal(expected, ConfidentialityProfileTable.Rows.Count(r => r.Basic == action));

        [Fact]
        public void EveryCell_MatchesTheTsv()
        {
            string[] lines = File.ReadAllLines(TsvPath()).Where(l => l.Length > 0).ToArray();
            var rows = ConfidentialityProfileTable.Rows;
            Assert.Equal(lines.Length - 1, rows.Count);
            var options = (ConfidentialityOption[])Enum.GetValues(typeof(ConfidentialityOption));
            Assert.Equal(ConfidentialityProfileRow.OptionCount, options.Length);
            for (int i = 0; i < rows.Count; i++)
            {
                string[] f = lines[i + 1].Split('\t');
                var row = rows[i];
                Assert.Equal(f[0], row.TagText);
                Assert.Equal(f[1], row.Keyword);
                Assert.Equal(f[2], row.Name);
                Assert.Equal(f[3] == "" ? (bool?)null : f[3] == "Y", row.Retired);
                Assert.Equal(f[4] == "Y", row.InStandardCompositeIod);
                Assert.Equal(Codes[f[5]], row.Basic);
                foreach (var option in options)
                    Assert.Equal(Codes[f[6 + (int)option]], row.GetOptionAction(option));
                if (row.IsSingleTag)
                    Assert.Equal(Convert.ToUInt32(f[0].Substring(1, 4) + f[0].Substring(6, 4), 16), row.Tag);
            }
        }

        [Fact]
        public void Find_ReturnsTheAttributesOwnRow()
        {
            var row = ConfidentialityProfileTable.Find(0x00100010u);
            Assert.Equal("PatientName", row.Keyword);
            Assert.Equal(ConfidentialityAction.Zero, row.Basic);
            Assert.Same(row, ConfidentialityProfileTable.FindByKeyword("PatientName"));
        }

        [Fact]
        public void Find_MatchesRepeatingOverlayGroupsOnlyForEvenGroupsUpTo601E()
        {
            Assert.Equal("(60xx,3000)", ConfidentialityProfileTable.Find(0x60023000u).TagText);
            Assert.Equal("(60xx,3000)", ConfidentialityProfileTable.Find(0x601E3000u).TagText);
            Assert.Equal("(60xx,4000)", ConfidentialityProfileTable.Find(0x60004000u).TagText);
            Assert.Null(ConfidentialityProfileTable.Find(0x60203000u));
            Assert.True(ConfidentialityProfileTable.Find(0x60013000u).IsPrivateAttributes);
        }

        [Fact]
        public void Find_MatchesCurveDataForAnyElementOfGroups50xx()
        {
            Assert.Equal("(50xx,xxxx)", ConfidentialityProfileTable.Find(0x50003000u).TagText);
            Assert.Equal("(50xx,xxxx)", ConfidentialityProfileTable.Find(0x50100005u).TagText);
        }

        [Fact]
        public void Find_MapsOddGroupsToThePrivateAttributesRow()
        {
            var row = ConfidentialityProfileTable.Find(0x00091001u);
            Assert.True(row.IsPrivateAttributes);
            Assert.Equal(ConfidentialityAction.Remove, row.Basic);
            Assert.Equal(ConfidentialityAction.Clean, row.GetOptionAction(ConfidentialityOption.RetainSafePrivate));
        }

        [Fact]
        public void Find_ReturnsNullForAStandardAttributeTheTableDoesNotList() =>
            Assert.Null(ConfidentialityProfileTable.Find(0x00280010u)); // Rows

        [Fact]
        public void Generator_RejectsAnUnknownActionCodeNamingTheLine()
        {
            string tsv = string.Join("\t", ProfileTableGenerator.ExpectedColumns) + "\n"
                + "(0010,0010)\tPatientName\tPatient's Name\tN\tY\tQ\t\t\t\t\t\t\t\t\t\t\n";
            var e = Assert.Throws<FormatException>(() => ProfileTableGenerator.Generate(tsv, "t.tsv"));
            Assert.Contains("t.tsv:2", e.Message);
        }

        [Fact]
        public void Generator_RejectsAnUnexpectedHeader()
        {
            string tsv = "tag\tkeyword\n(0010,0010)\tPatientName\n";
            Assert.Throws<FormatException>(() => ProfileTableGenerator.Generate(tsv, "t.tsv"));
        }
    }
}
