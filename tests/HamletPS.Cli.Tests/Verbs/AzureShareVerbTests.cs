using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using HamletPS.Cli;
using HamletPS.Cli.Verbs;
using HamletPS.Core.Upload;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>`hamlet send-azure`, `list-azure` and `test-share` against the local Azure Files endpoint.</summary>
    public sealed class AzureShareVerbTests : IDisposable
    {
        private readonly AzureFilesEndpoint.AzureFilesEndpoint _endpoint = AzureFilesEndpoint.AzureFilesEndpoint.Start();
        private readonly TempFolder _temp = new TempFolder("cli-azure");
        private string _root => _temp.Path;
        private readonly StringWriter _out = new StringWriter();
        private readonly StringWriter _err = new StringWriter();
        private readonly StringWriter _progress = new StringWriter();

        public AzureShareVerbTests()
        {
            _endpoint.CreateShare("incoming");
        }

        public void Dispose()
        {
            _endpoint.Dispose();
            _temp.Dispose();
        }

        private CliOutput Output => new CliOutput(_out, _err);

        private string WriteFile(string name, int bytes, int seed)
        {
            string path = Path.Combine(_root, name);
            var data = new byte[bytes];
            new Random(seed).NextBytes(data);
            File.WriteAllBytes(path, data);
            return path;
        }

        private static string Md5(string path) => Convert.ToBase64String(MD5.HashData(File.ReadAllBytes(path)));

        private ShareConnectionRequest Request(string share = "incoming", string directory = null) => new ShareConnectionRequest
        {
            ConnectionString = _endpoint.ConnectionString, Share = share, Directory = directory,
            CurrentDirectory = _root, Environment = _ => null,
        };

        private SendAzureVerb.Arguments Send(params string[] paths) => new SendAzureVerb.Arguments
        {
            Paths = paths, Connection = Request(directory: "batches"), LedgerPath = Path.Combine(_root, "ledgers"), Json = true,
        };

        [Fact]
        public void SendAzure_UploadsWithJsonLinesAndAProgressLine_ThenARerunSkips()
        {
            string file = WriteFile("site_A-1.zip", 9 * 1024 * 1024 + 3, 1);

            int code = SendAzureVerb.Run(Send(file), Output, new ProgressLine(_progress, inPlace: false, TimeSpan.Zero));

            Assert.True(code == 0, _err.ToString());
            using (JsonDocument doc = JsonDocument.Parse(_out.ToString().Trim()))
            {
                Assert.Equal("Uploaded", doc.RootElement.GetProperty("Status").GetString());
                Assert.Equal(Md5(file), doc.RootElement.GetProperty("Md5Base64").GetString());
                Assert.EndsWith("/incoming/batches/site_A-1.zip", doc.RootElement.GetProperty("Uri").GetString());
                Assert.Equal(new FileInfo(file).Length, doc.RootElement.GetProperty("Bytes").GetInt64());
            }
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(_endpoint.DataFileOf("incoming/batches/site_A-1.zip")));
            string[] lines = _progress.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(lines, l => l.Contains("site_A-1.zip") && l.Contains("MB/s") && l.Contains("100%") && l.Contains("done"));

            _out.GetStringBuilder().Clear();
            Assert.Equal(0, SendAzureVerb.Run(Send(file), Output, null));
            using (JsonDocument doc = JsonDocument.Parse(_out.ToString().Trim()))
                Assert.Equal("Skipped", doc.RootElement.GetProperty("Status").GetString());
        }

        [Fact]
        public void SendAzure_WrongKey_ExitsOneWithAuthenticationFailed_AndNeverPrintsTheKey()
        {
            string file = WriteFile("k.zip", 2000, 2);
            string wrong = Convert.ToBase64String(SHA512.HashData(new byte[] { 1, 2, 3 }));
            var args = Send(file);
            args.Connection = new ShareConnectionRequest
            {
                AccountName = "devacct", AccountKeyText = wrong, Endpoint = _endpoint.ServiceUri.ToString(), Share = "incoming", Environment = _ => null, CurrentDirectory = _root,
            };

            int code = SendAzureVerb.Run(args, Output, new ProgressLine(_progress, false, TimeSpan.Zero));

            Assert.Equal(1, code);
            Assert.StartsWith("error: AuthenticationFailed: ", _err.ToString());
            string all = _out.ToString() + _err + _progress;
            Assert.DoesNotContain(wrong, all);
            Assert.DoesNotContain(_endpoint.AccountKey, all);
        }

        [Fact]
        public void SendAzure_DifferentContentNeedsForce()
        {
            string file = WriteFile("d.zip", 3000, 3);
            Assert.Equal(0, SendAzureVerb.Run(Send(file), Output, null));
            File.WriteAllBytes(file, new byte[3000]);

            Assert.Equal(1, SendAzureVerb.Run(Send(file), Output, null));
            Assert.Contains("error: RemoteFileDiffers: ", _err.ToString());

            var forced = Send(file);
            forced.Force = true;
            Assert.Equal(0, SendAzureVerb.Run(forced, Output, null));
            Assert.Equal(new byte[3000], File.ReadAllBytes(_endpoint.DataFileOf("incoming/batches/d.zip")));
        }

        [Fact]
        public void SendAzure_WhatIf_SendsNothing()
        {
            string file = WriteFile("w.zip", 3000, 4);
            var args = Send(file);
            args.WhatIf = true;
            _endpoint.ResetCounters();

            Assert.Equal(0, SendAzureVerb.Run(args, Output, null));

            Assert.Contains("What if: upload " + file + " to incoming/batches", _out.ToString());
            Assert.DoesNotContain(_endpoint.Requests, r => r.Method == "PUT");
        }

        [Fact]
        public void SendAzure_Destination_CopiesThroughTheSmbRoute()
        {
            string file = WriteFile("m.zip", 5000, 5);
            string mount = Path.Combine(_root, "mnt");
            Directory.CreateDirectory(mount);
            var args = Send(file);
            args.Destination = mount;

            Assert.Equal(0, SendAzureVerb.Run(args, Output, null));

            using JsonDocument doc = JsonDocument.Parse(_out.ToString().Trim());
            Assert.Equal("Copied", doc.RootElement.GetProperty("Status").GetString());
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(mount, "m.zip")));
        }

        [Fact]
        public void SendAzure_NoCredentials_ExitsTwo_AndACredentialsFileWorks()
        {
            string file = WriteFile("c.zip", 1000, 6);
            var args = Send(file);
            args.Connection = new ShareConnectionRequest { Share = "incoming", Environment = _ => null, CurrentDirectory = _root };
            Assert.Equal(2, SendAzureVerb.Run(args, Output, null));
            Assert.StartsWith("error: NoStorageCredentials: ", _err.ToString());

            string credentials = Path.Combine(_root, "acct.cred");
            File.WriteAllText(credentials, "username=localhost\\devacct\npassword=" + _endpoint.AccountKey + "\n");
            args.Connection = new ShareConnectionRequest { Share = "incoming", Endpoint = _endpoint.ServiceUri.ToString(), Environment = _ => null, CurrentDirectory = _root };
            ShareOptions.ApplyCredentialFile(args.Connection, credentials);
            Assert.Equal(0, SendAzureVerb.Run(args, new CliOutput(_out, new StringWriter()), null));
            Assert.NotNull(_endpoint.Find("incoming/c.zip"));
        }

        [Fact]
        public void SendAzure_OptionsParseOnTheRootCommand()
        {
            var parse = Program.BuildRootCommand().Parse(new[] { "send-azure", "a.zip", "b.zip", "--share", "incoming", "--directory", "x", "--max-parallel-ranges", "3", "--force", "--what-if", "--json" });
            Assert.Empty(parse.Errors);
            var list = Program.BuildRootCommand().Parse(new[] { "list-azure", "--share", "incoming", "--recurse", "--connection-string", "x" });
            Assert.Empty(list.Errors);
            var test = Program.BuildRootCommand().Parse(new[] { "test-share", "--computer-name", "h", "--port", "445", "443", "--timeout-seconds", "2" });
            Assert.Empty(test.Errors);
        }

        [Fact]
        public void ListAzure_ListsRecursivelyWithMd5()
        {
            string file = WriteFile("l.zip", 4000, 7);
            Assert.Equal(0, SendAzureVerb.Run(Send(file), Output, null));
            _out.GetStringBuilder().Clear();

            Assert.Equal(0, ListAzureVerb.Run(Request(), recurse: true, json: true, Output));

            var items = _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(new[] { "batches", "batches/l.zip" }, items.Select(i => i.GetProperty("Path").GetString()));
            Assert.Equal(Md5(file), items[1].GetProperty("ContentMD5").GetString());
            Assert.Equal(4000, items[1].GetProperty("Length").GetInt64());

            _out.GetStringBuilder().Clear();
            Assert.Equal(1, ListAzureVerb.Run(Request("missing-share"), false, false, Output));
            Assert.Contains("error: ShareNotFound: ", _err.ToString());
        }

        [Fact]
        public void TestShare_OpenPortExitsZero_ClosedPort445SuggestsSendAzure()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int open = ((IPEndPoint)listener.LocalEndpoint).Port;
            try
            {
                Assert.Equal(0, TestShareVerb.Run(null, "127.0.0.1", new[] { open }, 2, false, Output));
                Assert.Contains(open + " open", _out.ToString());
                _out.GetStringBuilder().Clear();

                Assert.Equal(1, TestShareVerb.Run(null, "127.0.0.1", new[] { 445 }, 2, true, Output));
                using JsonDocument doc = JsonDocument.Parse(_out.ToString().Trim());
                Assert.False(doc.RootElement.GetProperty("SmbReachable").GetBoolean());
                Assert.Contains("Send-AzureShare", doc.RootElement.GetProperty("Message").GetString());
                Assert.Equal(2, TestShareVerb.Run(null, null, null, 2, false, Output));
            }
            finally
            {
                listener.Stop();
            }
        }
    }
}
