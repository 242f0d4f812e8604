using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using HamletPS.AzureFilesEndpoint;
using HamletPS.Synthetic;
using Xunit;
using static HamletPS.PowerShell.Tests.Commands.NetworkPeers;

namespace HamletPS.PowerShell.Tests.Chain
{
    /// <summary>
    /// `Receive-Dicom | Invoke-DicomSort | Protect-DicomPatient | New-HamletArchive | Send-AzureShare` in ONE pipeline of a
    /// real PowerShell 7.6 engine: dcmtk's storescu pushes the canary RT study, the local Azure Files endpoint is the share,
    /// and what arrived is checked with independent tools (az cli download, unzip -t, pydicom, the canary scan).
    /// </summary>
    public sealed class WholeChainTests : IDisposable
    {
        private readonly AzureFilesEndpoint.AzureFilesEndpoint _endpoint = AzureFilesEndpoint.AzureFilesEndpoint.Start();
        private ChainSite _site;

        public WholeChainTests() => _site = new ChainSite(_endpoint);

        /// <summary>The site with the PS3.15 Basic Profile (no retention option): not one canary may survive.</summary>
        private void UseBasicProfile()
        {
            _site.Dispose();
            _site = new ChainSite(_endpoint, profile: "basic");
        }

        public void Dispose()
        {
            _endpoint.Dispose();
            _site.Dispose();
        }

        [Fact]
        public void WholeChain_StorescuToShare_ArchiveArrives_VerifiedByAzureCliUnzipAndPydicom_NoIdentifierInAnyEntry()
        {
            UseBasicProfile();
            int count = _site.Study.Files.Count;
            using var session = new PowerShellSession();
            var output = new PSDataCollection<PSObject>();
            using var ps = session.BeginInvoke(ChainSite.ChainScript, output, _site.ChainArguments(count));
            try
            {
                _site.Push(_site.Study.Files.Select(f => f.Path));
                Assert.True(WaitForEnd(ps, 120000), "the chain did not end after -Count files");
                Assert.True(ps.InvocationStateInfo.State == PSInvocationState.Completed, ps.InvocationStateInfo.Reason?.ToString());
                Assert.True(ps.Streams.Error.Count == 0, string.Join("\n", ps.Streams.Error.Select(e => e.FullyQualifiedErrorId + ": " + e)));

                // One upload result: the archive New-HamletArchive made, uploaded verified into the configured directory.
                PSObject uploaded = Assert.Single(output);
                Assert.Equal("HamletPS.Core.Upload.ShareUploadResult", uploaded.BaseObject.GetType().FullName);
                Assert.Equal("Uploaded", uploaded.Properties["Status"].Value.ToString());
                string[] archives = Directory.GetFiles(_site.Outgoing, "*.zip");
                string archive = Assert.Single(archives);
                string remote = ChainSite.ShareDirectory + "/" + Path.GetFileName(archive);
                Assert.EndsWith("/" + ChainSite.ShareName + "/" + remote, uploaded.Properties["Uri"].Value.ToString());
                Assert.DoesNotContain(CanaryStudy.PatientId, Path.GetFileName(archive));

                // An independent client fetches it: byte-identical to the local archive.
                string downloaded = _site.DownloadWithAzureCli(remote);
                Assert.Equal(File.ReadAllBytes(archive), File.ReadAllBytes(downloaded));
                ChainSite.AssertUnzipTestPasses(downloaded);
                JsonElement summary = _site.VerifyWithPydicom(downloaded);
                Assert.Equal(count, summary.GetProperty("count").GetInt32());
                Assert.Equal(ChainSite.StudyId, Assert.Single(summary.GetProperty("studyIds").EnumerateArray()).GetString());
                var sentClasses = _site.Study.Files.GroupBy(f => f.SopClassUid).ToDictionary(g => g.Key, g => g.Count());
                var archivedClasses = summary.GetProperty("sopClasses").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
                Assert.Equal(sentClasses.OrderBy(p => p.Key), archivedClasses.OrderBy(p => p.Key));

                // No canary (name, MRN, birth date, private notes, nested IDs...) in any entry name or byte.
                string extracted = _site.Extract(downloaded);
                Assert.Equal(count + 2, Directory.GetFiles(extracted, "*", SearchOption.AllDirectories).Length);
                Assert.Empty(_site.Canary.Scan(extracted));

                // Every step did its part: the received files left incoming, nothing half-written anywhere, nothing to resume.
                Assert.Empty(Directory.GetFiles(_site.Incoming, "*", SearchOption.AllDirectories));
                Assert.Empty(Directory.GetFiles(_site.Root, "*.partial", SearchOption.AllDirectories));
                Assert.True(!Directory.Exists(_site.Ledgers) || Directory.GetFiles(_site.Ledgers).Length == 0);
                Assert.Single(Directory.GetFiles(_site.Vault, "*.hpv"));
            }
            finally
            {
                StopPipeline(ps);
            }
        }

        [Fact]
        public void WholeChain_AFileTheSorterMustQuarantine_IsANonTerminatingError_AndTheRestReachTheShare()
        {
            string bad = _site.WriteFileWithoutStudyUid();
            var files = _site.Study.Files.Select(f => f.Path).ToList();
            files.Insert(files.Count / 2, bad); // in the middle of the association
            using var session = new PowerShellSession();
            var output = new PSDataCollection<PSObject>();
            using var ps = session.BeginInvoke(ChainSite.ChainScript, output, _site.ChainArguments(files.Count));
            try
            {
                _site.Push(files);
                Assert.True(WaitForEnd(ps, 120000), "the chain did not end");
                Assert.Equal(PSInvocationState.Completed, ps.InvocationStateInfo.State);

                ErrorRecord error = Assert.Single(ps.Streams.Error);
                Assert.Equal("QuarantinedDicomFile,HamletPS.Commands.InvokeDicomSortCommand", error.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
                Assert.DoesNotContain(CanaryStudy.PatientId, error.ToString());

                PSObject uploaded = Assert.Single(output);
                Assert.Equal("Uploaded", uploaded.Properties["Status"].Value.ToString());
                string remote = ChainSite.ShareDirectory + "/" + Path.GetFileName(Assert.Single(Directory.GetFiles(_site.Outgoing, "*.zip")));
                string downloaded = _site.DownloadWithAzureCli(remote);
                ChainSite.AssertUnzipTestPasses(downloaded);
                Assert.Equal(_site.Study.Files.Count, _site.VerifyWithPydicom(downloaded).GetProperty("count").GetInt32());
                // The trial profile (hamlet-rt) keeps device identity and cleaned descriptors, but cleaned of the patient's
                // identity: no canary may survive there either.
                var leaks = _site.Canary.Scan(_site.Extract(downloaded)).Select(h => h.ToString()).ToList();
                Assert.True(leaks.Count == 0, string.Join("\n", leaks));
            }
            finally
            {
                StopPipeline(ps);
            }
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(4)]
        public void WholeChain_WhatIfFromOneWritingStepOn_ThatStepAndTheRestWriteNothing_AndNothingIsUploaded(int firstWhatIfStep)
        {
            // The receive runs for real (it is the input); the steps before firstWhatIfStep run for real too, so the step with
            // -WhatIf gets real input and must only say what it would do.
            string[] steps =
            {
                "Receive-Dicom -ConfigPath $args[0] -Count $args[1]",
                "Invoke-DicomSort -ConfigPath $args[0] -SettleSeconds 0",
                "Protect-DicomPatient -ConfigPath $args[0] -VaultPath $args[2]",
                "New-HamletArchive -ConfigPath $args[0]",
                "Send-AzureShare -ConfigPath $args[0] -LedgerPath $args[3]",
            };
            string script = string.Join(" | ", steps.Select((s, i) => i >= firstWhatIfStep ? s + " -WhatIf" : s));
            int count = _site.Study.Files.Count;
            using var session = new PowerShellSession();
            var output = new PSDataCollection<PSObject>();
            using var ps = session.BeginInvoke(script, output, _site.ChainArguments(count));
            try
            {
                _site.Push(_site.Study.Files.Select(f => f.Path));
                Assert.True(WaitForEnd(ps, 120000), "the chain did not end");
                Assert.Equal(PSInvocationState.Completed, ps.InvocationStateInfo.State);
                Assert.True(ps.Streams.Error.Count == 0, string.Join("\n", ps.Streams.Error.Select(e => e.FullyQualifiedErrorId + ": " + e)));
                Assert.Empty(output);

                int FilesIn(string folder) => Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length : 0;
                Assert.Equal(firstWhatIfStep == 1 ? count : 0, FilesIn(_site.Incoming));
                Assert.Equal(firstWhatIfStep >= 2 ? count : 0, FilesIn(_site.Sorted)); // Protect copies out of the sorted tree
                Assert.Equal(firstWhatIfStep >= 3 ? count : 0, FilesIn(_site.Protected));
                Assert.Equal(firstWhatIfStep >= 3 ? 1 : 0, FilesIn(_site.Vault));
                Assert.Equal(firstWhatIfStep == 4 ? 1 : 0, FilesIn(_site.Outgoing));
                Assert.DoesNotContain(_endpoint.Requests, r => r.Method == "PUT" || r.Method == "DELETE");
                Assert.DoesNotContain(_endpoint.Nodes, n => n.Path.Contains(ChainSite.ShareDirectory, StringComparison.Ordinal));
            }
            finally
            {
                StopPipeline(ps);
            }
        }

        [Fact]
        public void WholeChain_StopDuringTheUpload_EndsCleanly_NoCompleteLookingFileOnTheShare_AndARerunOfTheUploadCompletesIt()
        {
            int count = _site.Study.Files.Count;
            // Every range write is slow, so the Stop lands while Send-AzureShare is uploading.
            _endpoint.AddFault(FaultRule.Slow(TimeSpan.FromSeconds(2), -1, r => r.RawPath.Contains("/" + ChainSite.ShareDirectory, StringComparison.Ordinal)));
            using var session = new PowerShellSession();
            var output = new PSDataCollection<PSObject>();
            var ps = session.BeginInvoke(ChainSite.ChainScript, output, _site.ChainArguments(count));
            try
            {
                _site.Push(_site.Study.Files.Select(f => f.Path));
                Assert.True(WaitUntil(() => _endpoint.Requests.Any(r => r.Path.Contains(ChainSite.ShareDirectory, StringComparison.Ordinal)), 120000),
                    "the upload did not start");
                Assert.Equal(PSInvocationState.Running, ps.InvocationStateInfo.State);

                Assert.True(StopPipeline(ps), "the chain did not stop");

                Assert.True(WaitForEnd(ps, 30000));
                Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
                Assert.Empty(output);
                string archive = Assert.Single(Directory.GetFiles(_site.Outgoing, "*.zip"));
                Assert.Null(_endpoint.Find(ChainSite.ShareName + "/" + ChainSite.ShareDirectory + "/" + Path.GetFileName(archive)));
            }
            finally
            {
                StopPipeline(ps);
                ps.Dispose();
            }

            _endpoint.ClearFaults();
            string zip = Directory.GetFiles(_site.Outgoing, "*.zip").Single();
            var rerun = session.Invoke("Send-AzureShare -LiteralPath $args[0] -ConfigPath $args[1] -LedgerPath $args[2]",
                zip, _site.ConfigPath, _site.Ledgers);
            PSObject result = rerun.Last();
            Assert.Contains(result.Properties["Status"].Value.ToString(), new[] { "Uploaded", "Resumed" });
            Assert.Equal(File.ReadAllBytes(zip), File.ReadAllBytes(_site.DownloadWithAzureCli(ChainSite.ShareDirectory + "/" + Path.GetFileName(zip))));
        }
    }
}
