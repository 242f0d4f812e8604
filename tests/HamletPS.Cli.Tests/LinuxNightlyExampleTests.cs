using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>
    /// examples/linux: hamlet-nightly.sh runs against a copy of the bundled sample with the native hamlet (upload to the local
    /// Files endpoint, or skipped with --skip-upload); the systemd units pass `systemd-analyze verify`; the crontab line is
    /// a valid five-field entry running the script.
    /// </summary>
    public sealed class LinuxNightlyExampleTests : IDisposable
    {
        private static readonly string Linux = Path.Combine(HamletExecutables.RepoRoot, "examples", "linux");
        private readonly TempFolder _temp = new TempFolder("linux-nightly");
        private string _root => _temp.Path;
        public void Dispose()
        {
            _temp.Dispose();
        }

        /// <summary>The sample copied like run-sample.sh does, and the native hamlet a site installs (/opt/hamlet/hamlet).</summary>
        private (string Config, string Hamlet) Site()
        {
            string site = Path.Combine(_root, "site");
            SampleData.Write(site);
            Directory.CreateDirectory(Path.Combine(site, "data", "sorted"));
            Directory.CreateDirectory(Path.Combine(site, "data", "outgoing"));
            return (Path.Combine(site, "config.yaml"), HamletExecutables.Native);
        }

        private static (int Code, string Output) Run(string file, string workingDirectory, params string[] args)
        {
            var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
            foreach (string a in args) psi.ArgumentList.Add(a);
            psi.Environment.Remove("HAMLET_CONFIG");
            using Process p = Process.Start(psi);
            var stdout = p.StandardOutput.ReadToEndAsync();
            string stderr = p.StandardError.ReadToEnd();
            if (!p.WaitForExit(240000)) { p.Kill(true); throw new TimeoutException(file + " did not finish"); }
            return (p.ExitCode, stdout.Result + stderr);
        }

        [Fact]
        public void HamletNightlySh_ProcessesTheSample_UploadsToTheLocalEndpoint_Clears_AndLogsNoIdentifier()
        {
            var (config, hamlet) = Site();
            using var endpoint = AzureFilesEndpoint.AzureFilesEndpoint.Start("hamletsample", SampleKey());
            endpoint.CreateShare("sample-incoming");
            File.WriteAllText(config, File.ReadAllText(config).Replace("http://127.0.0.1:10000/hamletsample", endpoint.ServiceUri.ToString().TrimEnd('/')));
            string site = Path.GetDirectoryName(config);

            var (code, output) = Run("bash", site, Path.Combine(Linux, "hamlet-nightly.sh"), "--config", config, "--skip-receive", "--hamlet", hamlet);

            string log = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(site, "logs"), "hamlet-nightly-*.log")));
            Assert.True(code == 0, output + log);
            string archive = Assert.Single(Directory.GetFiles(Path.Combine(site, "data", "outgoing"), "*.zip"));
            Assert.Equal(File.ReadAllBytes(archive), File.ReadAllBytes(endpoint.DataFileOf("sample-incoming/" + Path.GetFileName(archive))));
            Assert.Empty(Directory.GetFiles(Path.Combine(site, "data", "incoming"), "*", SearchOption.AllDirectories));
            Assert.Empty(Directory.GetFiles(Path.Combine(site, "data", "sorted"), "*", SearchOption.AllDirectories));
            Assert.Contains("Finished with exit code 0", log);
            foreach (SyntheticPatient p in SampleData.Patients())
            {
                Assert.DoesNotContain(p.PatientId, log);
                Assert.DoesNotContain(p.FamilyName, log, StringComparison.OrdinalIgnoreCase);
            }
        }

        [Fact]
        public void HamletNightlySh_SkipUpload_LeavesTheArchiveInOutgoing_AndABrokenConfigExitsTwo()
        {
            var (config, hamlet) = Site();
            string site = Path.GetDirectoryName(config);

            var (code, output) = Run("bash", site, Path.Combine(Linux, "hamlet-nightly.sh"), "--config", config, "--skip-receive", "--skip-upload", "--hamlet", hamlet);

            string log = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(site, "logs"), "hamlet-nightly-*.log")));
            Assert.True(code == 0, output + log);
            Assert.Single(Directory.GetFiles(Path.Combine(site, "data", "outgoing"), "*.zip"));
            Assert.Contains("Upload skipped (--skip-upload)", log);

            File.WriteAllText(config, File.ReadAllText(config).Replace("PORT: 11112", "PORT: 99999"));
            var (bad, badOutput) = Run("bash", site, Path.Combine(Linux, "hamlet-nightly.sh"), "--config", config, "--skip-receive", "--hamlet", hamlet);
            Assert.True(bad == 2, badOutput);
        }

        [Fact]
        public void SystemdUnits_PassSystemdAnalyzeVerify()
        {
            string units = Path.Combine(_root, "units");
            Directory.CreateDirectory(units);
            File.Copy(Path.Combine(Linux, "hamlet-nightly.timer"), Path.Combine(units, "hamlet-nightly.timer"));
            // The unit names /opt/hamlet/hamlet-nightly.sh (its install place); point it at the repository's copy for the check.
            File.WriteAllText(Path.Combine(units, "hamlet-nightly.service"),
                File.ReadAllText(Path.Combine(Linux, "hamlet-nightly.service")).Replace("/opt/hamlet/hamlet-nightly.sh", Path.Combine(Linux, "hamlet-nightly.sh")));

            var (code, output) = Run("/usr/bin/systemd-analyze", units, "verify", "./hamlet-nightly.timer", "./hamlet-nightly.service");

            Assert.True(code == 0, output);
            Assert.Contains("OnCalendar=", File.ReadAllText(Path.Combine(units, "hamlet-nightly.timer")));
        }

        [Fact]
        public void HeartbeatUnits_PassSystemdAnalyzeVerify_AndRunHamletHeartbeat()
        {
            string units = Path.Combine(_root, "heartbeat-units");
            Directory.CreateDirectory(units);
            File.Copy(Path.Combine(Linux, "hamlet-heartbeat.timer"), Path.Combine(units, "hamlet-heartbeat.timer"));
            string service = File.ReadAllText(Path.Combine(Linux, "hamlet-heartbeat.service"));
            Assert.Contains("ExecStart=/opt/hamlet/hamlet heartbeat --config-path ", service);
            // The unit names /opt/hamlet/hamlet (its install place), which verify wants to exist: an executable that does.
            File.WriteAllText(Path.Combine(units, "hamlet-heartbeat.service"), service.Replace("/opt/hamlet/hamlet heartbeat", "/bin/true heartbeat"));

            var (code, output) = Run("/usr/bin/systemd-analyze", units, "verify", "./hamlet-heartbeat.timer", "./hamlet-heartbeat.service");

            Assert.True(code == 0, output);
            Assert.Contains("OnUnitActiveSec=10min", File.ReadAllText(Path.Combine(units, "hamlet-heartbeat.timer")));
        }

        [Fact]
        public void Crontab_HasOneFiveFieldEntryRunningTheNightlyScript()
        {
            var entries = File.ReadAllLines(Path.Combine(Linux, "crontab.txt")).Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')).ToList();
            string entry = Assert.Single(entries);
            Assert.Matches(new Regex(@"^\s*(\d{1,2}|\*)\s+(\d{1,2}|\*)\s+\*\s+\*\s+\*\s+\S"), entry);
            Assert.Contains("hamlet-nightly.sh", entry);
        }

        private static string SampleKey()
        {
            string line = SampleData.ConfigYaml().Split('\n').Single(l => l.TrimStart().StartsWith("KEY:", StringComparison.Ordinal));
            return line.Substring(line.IndexOf(':') + 1).Trim();
        }
    }
}
