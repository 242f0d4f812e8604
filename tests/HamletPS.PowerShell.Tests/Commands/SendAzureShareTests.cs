using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using HamletPS.AzureFilesEndpoint;
using Xunit;

namespace HamletPS.PowerShell.Tests.Commands
{
    /// <summary>Send-AzureShare in a real PowerShell engine against the local Azure Files endpoint.</summary>
    public sealed class SendAzureShareTests : IDisposable
    {
        private const string Fqid = ",HamletPS.Commands.SendAzureShareCommand";
        private readonly AzureFilesEndpoint.AzureFilesEndpoint _endpoint = AzureFilesEndpoint.AzureFilesEndpoint.Start();
        private readonly ShareTestFiles _files = new ShareTestFiles("hamlet-send");
        private readonly string _ledgers;

        public SendAzureShareTests()
        {
            _endpoint.CreateShare("incoming");
            _ledgers = Path.Combine(_files.Root, "ledgers");
        }

        public void Dispose()
        {
            _endpoint.Dispose();
            _files.Dispose();
        }

        private string Key => _endpoint.AccountKey;

        /// <summary>Every text a user could see: the error record, its exception (with inner ones), every stream, the output.</summary>
        private static (IReadOnlyList<ErrorRecord>, List<string>) Run(PowerShellSession session, string script, params object[] args)
        {
            var output = session.Invoke(script, args);
            var texts = new List<string>();
            texts.AddRange(output.Select(o => o.ToString()));
            foreach (ErrorRecord e in session.Errors)
            {
                texts.Add(e.ToString());
                texts.Add(e.Exception.ToString());
                texts.Add(e.ErrorDetails?.Message ?? "");
                texts.Add(e.TargetObject?.ToString() ?? "");
                texts.Add(e.CategoryInfo.ToString());
                texts.Add(e.FullyQualifiedErrorId);
            }
            texts.AddRange(session.Warnings.Select(w => w.Message));
            texts.AddRange(session.Verbose.Select(v => v.Message));
            texts.AddRange(session.Information.Select(i => i.MessageData?.ToString() ?? ""));
            texts.AddRange(session.Progress.Select(p => p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation));
            Assert.NotEmpty(session.Verbose);
            return (session.Errors, texts);
        }

        [Fact]
        public void AccessToken_IsItsOwnParameterSet_AndNeverAppearsInAnError()
        {
            string file = _files.Write("t.zip", 100, 13);
            const string token = "eyJ0eXAiOiJKV1QifQ.eyJleHAiOjQxMDI0NDQ4MDB9.c3ludGhldGljLXRva2VuLXNpZ25hdHVyZQ";
            using var session = new PowerShellSession();
            session.Invoke("$ExecutionContext.SessionState.Path.SetLocation($args[0]) | Out-Null", _files.Root);

            var sets = session.Invoke("(Get-Command Send-AzureShare).ParameterSets | Where-Object Name -eq 'AccessToken' | ForEach-Object { ($_.Parameters | Where-Object IsMandatory).Name }")
                .Select(o => o.ToString()).ToList();
            Assert.Equal(new[] { "AccessToken" }, sets);

            // Neither an account name nor an endpoint: a configuration error that names the missing piece, never the token.
            var output = session.Invoke("$env:HAMLET_CONFIG = $null; Send-AzureShare $args[0] -Share incoming -AccessToken $args[1]", file, ShareTestFiles.Secure(token));
            Assert.Empty(output);
            ErrorRecord record = Assert.Single(session.Errors);
            Assert.Equal("NoStorageCredentials" + Fqid, record.FullyQualifiedErrorId);
            Assert.Contains("-AccountName", record.Exception.Message);
            Assert.DoesNotContain(token, record.ToString());
            Assert.DoesNotContain("c3ludGhldGlj", record.Exception.Message);
        }

        [Fact]
        public void StopDuringALargeUpload_EndsCleanly_AndARerunResumes_WithProgressInMBPerSecond()
        {
            string file = _files.Write("big.zip", 40 * 1024 * 1024, 11);
            _endpoint.AddFault(FaultRule.Slow(TimeSpan.FromMilliseconds(150), -1));
            using var session = new PowerShellSession();
            var output = new PSDataCollection<PSObject>();
            using (var ps = session.BeginInvoke("Send-AzureShare -LiteralPath $args[0] -ConnectionString $args[1] -Share incoming -LedgerPath $args[2] -MaxParallelRanges 2",
                       output, file, _endpoint.ConnectionString, _ledgers))
            {
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (_endpoint.RangeWrites.Count(w => w.Path.Contains("big.zip")) < 3 && DateTime.UtcNow < deadline) Thread.Sleep(20);
                Assert.True(_endpoint.RangeWrites.Count(w => w.Path.Contains("big.zip")) >= 3, "the upload did not start");
                ps.Stop();
                Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            }
            Assert.Empty(output);
            Assert.Null(_endpoint.Find("incoming/big.zip"));
            Assert.NotEmpty(Directory.GetFiles(_ledgers));
            int sentBefore = _endpoint.RangeWrites.Count(w => w.Path.Contains("big.zip"));

            _endpoint.ClearFaults();
            _endpoint.AddFault(FaultRule.Slow(TimeSpan.FromMilliseconds(60), -1));
            var result = session.Invoke("Send-AzureShare -LiteralPath $args[0] -ConnectionString $args[1] -Share incoming -LedgerPath $args[2] -MaxParallelRanges 2",
                file, _endpoint.ConnectionString, _ledgers).Single();

            Assert.True(session.Errors.Count == 0, string.Join("\n", session.Errors.Select(e => e.ToString())));
            Assert.Equal("Resumed", result.Properties["Status"].Value.ToString());
            Assert.True((long)result.Properties["BytesSent"].Value < new FileInfo(file).Length);
            Assert.Equal(ShareTestFiles.Md5Base64(file), result.Properties["Md5Base64"].Value);
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(_endpoint.DataFileOf("incoming/big.zip")));
            Assert.Empty(Directory.GetFiles(_ledgers));
            Assert.True(sentBefore > 0);

            var progress = session.Progress.Where(p => p.RecordType == ProgressRecordType.Processing).ToList();
            Assert.NotEmpty(progress);
            Assert.Contains(progress, p => p.StatusDescription.Contains("MB/s") && p.StatusDescription.Contains("big.zip"));
            Assert.All(progress, p => Assert.InRange(p.PercentComplete, 0, 100));
        }
    }
}
