using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Xunit;

namespace HamletPS.PowerShell.Tests.Commands
{
    public sealed class GetDicomDoseReportTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "hamlet-getdose-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }

        /// <summary>A synthetic RDSR written by pydicom (tests/HamletPS.Dicom.Tests/Oracles/make_rdsr.py).</summary>
        private string Rdsr(string name, string kind, int seed, params string[] flags)
        {
            Directory.CreateDirectory(_root);
            string path = Path.Combine(_root, name);
            var start = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3") { RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(ModuleLayout.RepoRoot, "tests", "HamletPS.Dicom.Tests", "Oracles", "make_rdsr.py"));
            start.ArgumentList.Add(kind);
            start.ArgumentList.Add(path);
            start.ArgumentList.Add(seed.ToString(CultureInfo.InvariantCulture));
            foreach (string f in flags) start.ArgumentList.Add(f);
            using var process = Process.Start(start);
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "make_rdsr.py failed: " + error);
            return path;
        }

        [Fact]
        public void GetDicomDoseReport_ReadsAFolder_OneObjectPerReport_AndSkipsImagesVerbosely()
        {
            Rdsr("1.dcm", "ct", 1);
            Rdsr("2.dcm", "rf", 1);
            TestDicomFiles.Write(_root, "SYN001", "CT", TestDicomFiles.CtImageStorage, "3.dcm");
            using var session = new PowerShellSession();

            var reports = session.Invoke("Get-DicomDoseReport -Path $args[0] -Verbose", _root);

            Assert.Empty(session.Errors);
            Assert.Equal(new[] { "CT", "ProjectionXRay" }, reports.Select(r => (string)r.Properties["Kind"].Value).ToArray());
            Assert.Contains(session.Verbose, v => v.Message.Contains("3.dcm") && v.Message.Contains("not an X-Ray Radiation Dose SR"));
            Assert.Equal("HamletPS.Core.Dose.DoseReport", reports[0].BaseObject.GetType().FullName);
        }

        [Fact]
        public void GetDicomDoseReport_BindsFullNameByPropertyName_AndEventsFlowOnThroughThePipeline()
        {
            string file = Rdsr("ct.dcm", "ct", 2);
            using var session = new PowerShellSession();

            var events = session.Invoke("[System.IO.FileInfo]::new($args[0]) | Get-DicomDoseReport | ForEach-Object { $_.CtEvents } | Where-Object { $null -ne $_.CtdiVol }", file);
            var fromCustom = session.Invoke("[pscustomobject]@{ FullName = $args[0] } | Get-DicomDoseReport", file).Single();

            Assert.Equal(2, events.Count);
            Assert.Equal(file, fromCustom.Properties["Path"].Value);
            Assert.Equal("CT-SIM-1", fromCustom.Properties["StationName"].Value);
        }

        [Fact]
        public void GetDicomDoseReport_UnknownUnits_AreAWarningNotAnError()
        {
            Rdsr("rf.dcm", "rf", 3, "--units-quirk");
            using var session = new PowerShellSession();

            var report = session.Invoke("Get-DicomDoseReport -LiteralPath $args[0]", Path.Combine(_root, "rf.dcm")).Single();

            Assert.Empty(session.Errors);
            Assert.Null(report.Properties["FluoroTime"].Value);
            Assert.Contains(session.Warnings, w => w.Message.Contains("rf.dcm") && w.Message.Contains("furlong"));
        }

        [Fact]
        public void GetDicomDoseReport_BrokenFile_IsANonTerminatingInvalidDicomFileError()
        {
            string good = Rdsr("1.dcm", "ct", 4);
            File.WriteAllBytes(Path.Combine(_root, "2.dcm"), File.ReadAllBytes(good).Take(300).ToArray());
            using var session = new PowerShellSession();

            var reports = session.Invoke("Get-DicomDoseReport $args[0]", _root);

            Assert.Single(reports);
            var error = Assert.Single(session.Errors);
            Assert.Equal("InvalidDicomFile,HamletPS.Commands.GetDicomDoseReportCommand", error.FullyQualifiedErrorId);
            Assert.Contains("2.dcm", error.Exception.Message);
        }
    }
}
