using System;
using System.IO;
using System.Linq;
using HamletPS.Cli.Verbs;
using HamletPS.Core.Sorting;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>Issue 14, finding 9 (same class): `hamlet clear` names no sorted path on the console, since SORTED's folder names
    /// are Patient IDs.</summary>
    public sealed class ClearConsoleTests : ScratchFolderTest
    {
        public ClearConsoleTests() : base("hamlet-clear-console-") { }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Clear_KeptOrPlannedSortedFilesArePrintedWithoutThePatientFolder(bool whatIf)
        {
            SampleData.Write(Root);
            string sorted = Path.Combine(Root, "data", "sorted");
            var sorter = new DicomSorter(new DicomSortOptions { Destination = sorted, QuarantineFolder = Path.Combine(Root, "quarantine"), SettleTime = TimeSpan.Zero });
            Assert.All(sorter.Sort(new[] { Path.Combine(Root, "data", "incoming") }).ToList(), r => Assert.Equal(SortStatus.Sorted, r.Status));
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            ClearVerb.Run(Path.Combine(Root, "config.yaml"), new[] { "Sorted" }, force: whatIf, whatIf: whatIf, json: false, new CliOutput(stdout, stderr));

            string all = stdout.ToString() + stderr.ToString();
            Assert.NotEmpty(all);
            foreach (SyntheticPatient p in SampleData.Patients()) Assert.DoesNotContain(p.PatientId, all);
            if (whatIf) Assert.Contains("What if: delete (folder withheld)/", all);
            else Assert.Contains("Sorted: kept " + Directory.GetFiles(sorted, "*", SearchOption.AllDirectories).Length + " files", all);
        }
    }
}
