using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.IO;
using HamletPS.Dicom.Network;
using HamletPS.Dicom.Storage;
using Xunit;
using static HamletPS.Dicom.Tests.Network.NetworkTestSupport;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Dicom.Tests.Network
{
    /// <summary>The receiver under faults: nothing lost, nothing partial under a final name, no hang.</summary>
    public class StorageScpFaultTests
    {
        [Fact]
        public void HttpRequestOnThePort_IsAbortedAndClosedAtOnce()
        {
            using (var scp = new RunningScp(new StorageScpOptions { Folder = NewFolder("http") }))
            using (var client = new TcpClient())
            {
                client.Connect(IPAddress.Loopback, scp.Port);
                var s = client.GetStream();
                s.ReadTimeout = 5000;
                byte[] req = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                s.Write(req, 0, req.Length);
                var reply = new MemoryStream();
                var buf = new byte[64];
                int n;
                while ((n = s.Read(buf, 0, buf.Length)) > 0) reply.Write(buf, 0, n);   // ends with the close, not the timeout
                // A-ABORT from the service provider (Table 9-10: Evt19 in Sta2 → AA-1), then close.
                Assert.Equal(new byte[] { 0x07, 0x00, 0, 0, 0, 4, 0, 0 }, reply.ToArray().Take(8).ToArray());
            }
        }

        [Fact]
        public void CallingAeNotAllowed_IsRejectedPermanently()
        {
            var options = new StorageScpOptions { Folder = NewFolder("aet"), AeTitle = "HAMLET", AllowedCallingAeTitles = new List<string> { "TPS" } };
            using (var scp = new RunningScp(options))
            {
                var (code, output) = Run("echoscu", "-aet INTRUDER -aec HAMLET 127.0.0.1 " + scp.Port, 20000);
                Assert.NotEqual(0, code);
                Assert.Contains("Calling AE Title Not Recognized", output, StringComparison.OrdinalIgnoreCase);
                Assert.Equal(0, Run("echoscu", "-aet TPS -aec HAMLET 127.0.0.1 " + scp.Port, 20000).ExitCode);
            }
        }

        [Fact]
        public async Task OverTheAssociationLimit_RejectTransientLocalLimitExceeded()
        {
            using (var scp = new RunningScp(new StorageScpOptions { Folder = NewFolder("limit"), AeTitle = "HAMLET", MaxAssociations = 1 }))
            {
                var rq = new AssociateRequestPdu { CalledAeTitle = "HAMLET", CallingAeTitle = "ONE" };
                rq.PresentationContexts.Add(new PresentationContextRequestItem(1, DicomUids.Verification, new[] { DicomUids.ImplicitVRLittleEndian }));
                using (var first = await Association.RequestAsync("127.0.0.1", scp.Port, rq, new AssociationOptions(), null, CancellationToken.None))
                {
                    var rq2 = new AssociateRequestPdu { CalledAeTitle = "HAMLET", CallingAeTitle = "TWO" };
                    rq2.PresentationContexts.Add(new PresentationContextRequestItem(1, DicomUids.Verification, new[] { DicomUids.ImplicitVRLittleEndian }));
                    var e = await Assert.ThrowsAsync<AssociationRejectedException>(() => Association.RequestAsync("127.0.0.1", scp.Port, rq2, new AssociationOptions(), null, CancellationToken.None));
                    Assert.True(e.IsTransient);
                    Assert.Equal(AssociateRejectPdu.SourceServiceProviderPresentation, e.RejectSource);
                    Assert.Equal(2, e.RejectReason);
                    await first.ReleaseAsync(CancellationToken.None);
                }
                EchoResult again = await EchoScu.EchoAsync(new ScuOptions { Port = scp.Port, CalledAeTitle = "HAMLET" }, CancellationToken.None);
                Assert.True(again.Success, again.Error);
            }
        }

        [Fact]
        public async Task StoreWithSopClassOtherThanItsContext_Gets0122AndNoFile()
        {
            string rx = NewFolder("0122");
            using (var scp = new RunningScp(new StorageScpOptions { Folder = rx, AeTitle = "HAMLET" }))
            {
                var rq = new AssociateRequestPdu { CalledAeTitle = "HAMLET", CallingAeTitle = "RAW" };
                rq.PresentationContexts.Add(new PresentationContextRequestItem(1, CtImageStorage, new[] { DicomUids.ImplicitVRLittleEndian }));
                using (var a = await Association.RequestAsync("127.0.0.1", scp.Port, rq, new AssociationOptions(), null, CancellationToken.None))
                {
                    var data = new MemoryStream(new byte[100]);
                    await a.SendMessageAsync(1, DimseCommand.StoreRequest(1, "1.2.840.10008.5.1.4.1.1.9999", "1.2.3.4"), data, 100, null, CancellationToken.None);
                    var rsp = await a.ReceiveMessageAsync((c, x) => null, TimeSpan.FromSeconds(10), CancellationToken.None);
                    Assert.Equal(DimseStatus.SopClassNotSupported, rsp.Command.Status);
                    await a.ReleaseAsync(CancellationToken.None);
                }
                Assert.Empty(Directory.GetFiles(rx));
            }
        }

        [Fact]
        public async Task AbortMidDataSet_LeavesNoFileAndNoPartial()
        {
            string rx = NewFolder("abort");
            using (var scp = new RunningScp(new StorageScpOptions { Folder = rx, AeTitle = "HAMLET" }))
            {
                var rq = new AssociateRequestPdu { CalledAeTitle = "HAMLET", CallingAeTitle = "RAW" };
                rq.PresentationContexts.Add(new PresentationContextRequestItem(1, CtImageStorage, new[] { DicomUids.ImplicitVRLittleEndian }));
                var a = await Association.RequestAsync("127.0.0.1", scp.Port, rq, new AssociationOptions(), null, CancellationToken.None);
                // Announce 1 MB but send 200 KB, then A-ABORT.
                var partial = new PartialStream(200 * 1024);
                await Assert.ThrowsAnyAsync<Exception>(() => a.SendMessageAsync(1, DimseCommand.StoreRequest(1, CtImageStorage, "1.2.3.5"), partial, 1024 * 1024, null, CancellationToken.None));
                await a.AbortAsync("test");
                a.Dispose();
                await WaitUntil(() => { lock (scp.Log) return scp.Log.Any(l => l.Contains("aborted")); });
                await WaitUntil(() => Directory.GetFiles(rx).Length == 0);
                lock (scp.Files) Assert.Empty(scp.Files);
            }
        }

        [Fact]
        public async Task SenderKilledMidFile_LeavesNoPartialUnderAFinalName()
        {
            string src = NewFolder("kill-src");
            string big = WriteCt(src, NewUid(), 20 * 1024 * 1024);
            string rx = NewFolder("kill-rx");
            // Slow writes hold the sender back through TCP flow control, so it is surely killed mid-file.
            var slow = new FailingFileSystem { FailAfterBytes = long.MaxValue, DelayPerWriteMs = 2 };
            using (var scp = new RunningScp(new StorageScpOptions { Folder = rx, AeTitle = "HAMLET", FileSystem = slow }))
            {
                var p = Start("storescu", "-pdu 4096 -aec HAMLET 127.0.0.1 " + scp.Port + " " + big);
                try
                {
                    await WaitUntil(() => Directory.GetFiles(rx, ".*.partial").Any(f => new FileInfo(f).Length > 1024 * 1024));
                }
                finally
                {
                    Kill(p);
                }
                await WaitUntil(() => Directory.GetFiles(rx).Length == 0);
                lock (scp.Files) Assert.Empty(scp.Files);
            }
        }

        [Fact]
        public async Task DiskFullDuringWrite_AnswersA700AndLeavesNothing_NextFileStillStored()
        {
            string rx = NewFolder("full");
            var fs = new FailingFileSystem { FailAfterBytes = 50_000 };
            string src = NewFolder("full-src");
            string bigFile = WriteCt(src, NewUid(), 200_000);
            string smallFile = WriteCt(src, NewUid(), 1000);
            using (var scp = new RunningScp(new StorageScpOptions { Folder = rx, AeTitle = "HAMLET", FileSystem = fs }))
            {
                var results = await StorageScu.SendAsync(new ScuOptions { Port = scp.Port, CalledAeTitle = "HAMLET" }, new[] { bigFile, smallFile }, null, CancellationToken.None);
                Assert.Equal((ushort)0xA700, results[0].Status);
                Assert.False(results[0].Success);
                Assert.True(results[1].Success, results[1].Error);
                string[] left = Directory.GetFiles(rx);
                Assert.Single(left);
                Assert.Equal(FileMetaInformationProbe.Read(smallFile).SopInstanceUid + ".dcm", Path.GetFileName(left[0]));
            }
        }

        [Fact]
        public void EightConcurrentSendersOf500Files_AllArriveIntact_NothingPartial()
        {
            string rx = NewFolder("many-rx");
            var folders = Enumerable.Range(0, 8).Select(i => NewFolder("many-src" + i)).ToList();
            var sent = folders.AsParallel().SelectMany(f => Enumerable.Range(0, 500).Select(_ => WriteCt(f, NewUid(), 600))).ToList();
            using (var scp = new RunningScp(new StorageScpOptions { Folder = rx, AeTitle = "HAMLET", MaxAssociations = 8 }))
            {
                var procs = folders.Select(f => Start("storescu", "+sd -aec HAMLET 127.0.0.1 " + scp.Port + " " + f)).ToList();
                try
                {
                    foreach (var p in procs) Assert.True(p.WaitForExit(120000));
                    Assert.All(procs, p => Assert.Equal(0, p.ExitCode));
                }
                finally
                {
                    procs.ForEach(Kill);
                }
                Assert.Equal(4000, sent.Count);
                Assert.Equal(sent.Count, Directory.GetFiles(rx, "*.dcm").Length);
                Assert.Empty(Directory.GetFiles(rx, ".*.partial"));
                lock (scp.Files) Assert.Equal(sent.Count, scp.Files.Count(f => f.Stored));
                foreach (string f in sent)
                    Assert.Equal(DataSetBytes(f), DataSetBytes(Path.Combine(rx, FileMetaInformationProbe.Read(f).SopInstanceUid + ".dcm")));
            }
        }

        [Fact]
        public void StalePartialFiles_AreRemovedAtStart()
        {
            string rx = NewFolder("stale");
            File.WriteAllText(Path.Combine(rx, ".abc.partial"), "x");
            File.WriteAllText(Path.Combine(rx, "keep.dcm"), "x");
            using (var scp = new StorageScp(new StorageScpOptions { Folder = rx, Port = 0, BindAddress = IPAddress.Loopback }))
            {
                scp.Start();
                Assert.Equal(new[] { "keep.dcm" }, Directory.GetFiles(rx).Select(Path.GetFileName).ToArray());
            }
        }

        private static async Task WaitUntil(Func<bool> condition, int timeoutMs = 20000)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            while (!condition())
            {
                if (sw.ElapsedMilliseconds > timeoutMs) throw new TimeoutException("condition not met within " + timeoutMs + " ms");
                await Task.Delay(50);
            }
        }

        private sealed class PartialStream : Stream
        {
            private long _left;
            public PartialStream(long bytes) => _left = bytes;
            public override int Read(byte[] buffer, int offset, int count)
            {
                int n = (int)Math.Min(count, _left);
                _left -= n;
                return n;
            }
            public override bool CanRead => true; public override bool CanSeek => false; public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException(); public override long Position { get; set; }
            public override void Flush() { }
            public override long Seek(long o, SeekOrigin s) => throw new NotSupportedException();
            public override void SetLength(long v) => throw new NotSupportedException();
            public override void Write(byte[] b, int o, int c) => throw new NotSupportedException();
        }

        /// <summary>The local file system, except that writes beyond a budget fail like a full disk (ENOSPC).</summary>
        private sealed class FailingFileSystem : IStorageFileSystem
        {
            private readonly LocalStorageFileSystem _inner = new LocalStorageFileSystem();
            public long FailAfterBytes { get; set; }
            public int DelayPerWriteMs { get; set; }
            public Stream CreateNew(string path) => new Budgeted(_inner.CreateNew(path), FailAfterBytes) { Delay = DelayPerWriteMs };
            public void FlushToDisk(Stream stream) => _inner.FlushToDisk(((Budgeted)stream).Inner);
            public void SyncRename(Stream stream, string folder) => _inner.SyncRename((stream as Budgeted)?.Inner, folder);
            public bool RenamesOpenFiles => _inner.RenamesOpenFiles;
            public Stream OpenRead(string path) => _inner.OpenRead(path);
            public bool TryMoveNoReplace(string s, string d) => _inner.TryMoveNoReplace(s, d);
            public void MoveReplace(string s, string d) => _inner.MoveReplace(s, d);
            public bool Exists(string p) => _inner.Exists(p);
            public void Delete(string p) => _inner.Delete(p);
            public IEnumerable<string> EnumerateFiles(string f, string p) => _inner.EnumerateFiles(f, p);
            public void CreateDirectory(string f) => _inner.CreateDirectory(f);

            private sealed class Budgeted : Stream
            {
                private long _left;
                public readonly Stream Inner;
                public Budgeted(Stream inner, long budget) { Inner = inner; _left = budget; }
                public int Delay;
                public override void Write(byte[] b, int o, int c)
                {
                    if (Delay > 0) Thread.Sleep(Delay);
                    if (c > _left) throw new IOException("No space left on device");
                    _left -= c;
                    Inner.Write(b, o, c);
                }
                public override bool CanRead => false; public override bool CanSeek => false; public override bool CanWrite => true;
                public override long Length => Inner.Length; public override long Position { get => Inner.Position; set => throw new NotSupportedException(); }
                public override void Flush() => Inner.Flush();
                public override int Read(byte[] b, int o, int c) => throw new NotSupportedException();
                public override long Seek(long o, SeekOrigin s) => throw new NotSupportedException();
                public override void SetLength(long v) => throw new NotSupportedException();
                protected override void Dispose(bool disposing) { if (disposing) Inner.Dispose(); base.Dispose(disposing); }
            }
        }
    }
}
