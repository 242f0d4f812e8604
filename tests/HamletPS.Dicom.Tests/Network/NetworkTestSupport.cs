using System;
using System.Collections.Generic;
using System.Linq;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.IO;
using HamletPS.Dicom.Network;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Dicom.Tests.Network
{
    /// <summary>Ports, folders, peer processes (always killed), a running receiver and synthetic Part 10 files for the network tests.</summary>
    internal static class NetworkTestSupport
    {
        private static readonly List<string> Folders = new List<string>();

        /// <summary>Test folders are removed when the test process ends.</summary>
        private static void DeleteFolders()
        {
            lock (Folders)
                foreach (string d in Folders)
                    try { Directory.Delete(d, true); } catch (Exception) { }
        }

        public static int FreePort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            int port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        public static string NewFolder(string name)
        {
            string dir = Path.Combine(Path.GetTempPath(), "hamlet-net-" + name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            lock (Folders)
            {
                if (Folders.Count == 0)
                {
                    AppDomain.CurrentDomain.ProcessExit += (s, e) => DeleteFolders();
                    // The exit handler may be cut short by the test host: earlier runs' folders older than an hour go here.
                    foreach (string old in Directory.GetDirectories(Path.GetTempPath(), "hamlet-net-*"))
                        if (Directory.GetLastWriteTimeUtc(old) < DateTime.UtcNow.AddHours(-1))
                            try { Directory.Delete(old, true); } catch (Exception) { }
                }
                Folders.Add(dir);
            }
            return dir;
        }

        /// <summary>Runs a process to completion within a time bound; it is killed when the bound passes.</summary>
        public static (int ExitCode, string Output) Run(string exe, string args, int timeoutMs = 60000)
        {
            using (var p = Start(exe, args))
            {
                var output = new StringBuilder();
                p.OutputDataReceived += (s, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
                p.ErrorDataReceived += (s, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
                p.BeginOutputReadLine();
                p.BeginErrorReadLine();
                try
                {
                    if (!p.WaitForExit(timeoutMs)) throw new TimeoutException(exe + " did not finish within " + timeoutMs + " ms");
                    p.WaitForExit();
                    lock (output) return (p.ExitCode, output.ToString());
                }
                finally
                {
                    Kill(p);
                }
            }
        }

        public static Process Start(string exe, string args)
        {
            var psi = new ProcessStartInfo(exe, args)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            return Process.Start(psi);
        }

        public static void Kill(Process p)
        {
            try { if (!p.HasExited) p.Kill(true); } catch (Exception) { }
        }

        /// <summary>Waits until something accepts TCP connections on the port.</summary>
        public static void WaitForPort(int port, int timeoutMs = 10000)
        {
            var sw = Stopwatch.StartNew();
            while (sw.ElapsedMilliseconds < timeoutMs)
            {
                try
                {
                    using (var c = new TcpClient()) { c.Connect(IPAddress.Loopback, port); return; }
                }
                catch (SocketException) { Thread.Sleep(50); }
            }
            throw new TimeoutException("nothing listens on port " + port);
        }

        /// <summary>A receiver on a random port, stopped (and awaited) on dispose.</summary>
        public sealed class RunningScp : IDisposable
        {
            private readonly CancellationTokenSource _cts = new CancellationTokenSource();
            private readonly Task _run;
            public readonly List<ReceivedFile> Files = new List<ReceivedFile>();
            public readonly List<string> Log = new List<string>();

            public RunningScp(StorageScpOptions options, IPAddress bindAddress = null)
            {
                Options = options;
                options.Port = 0;
                options.BindAddress = bindAddress ?? IPAddress.Loopback;
                Scp = new StorageScp(options) { Log = new SyncProgress<string>(l => { lock (Log) Log.Add(l); }) };
                Scp.Start();
                _run = Scp.RunAsync(new SyncProgress<ReceivedFile>(f => { lock (Files) Files.Add(f); }), _cts.Token);
            }

            public StorageScpOptions Options { get; }

            public StorageScp Scp { get; }

            public int Port => Scp.Port;

            public Task Completion => _run;

            public void Stop(int timeoutMs = 30000)
            {
                _cts.Cancel();
                if (!_run.Wait(timeoutMs)) throw new TimeoutException("receiver did not stop");
            }

            public void Dispose()
            {
                try { Stop(); } catch (Exception) { }
                Scp.Dispose();
            }
        }

        /// <summary>IProgress that reports synchronously on the calling thread (Progress&lt;T&gt; would post asynchronously).</summary>
        public sealed class SyncProgress<T> : IProgress<T>
        {
            private readonly Action<T> _action;
            public SyncProgress(Action<T> action) => _action = action;
            public void Report(T value) => _action(value);
        }

        public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

        /// <summary>A small synthetic CT file (no real person): file meta + Implicit VR LE data set with pixel data.</summary>
        public static string WriteCt(string folder, string sopInstanceUid, int pixelBytes = 2048, string patientName = "Synthetic^Test", string sopClassUid = CtImageStorage)
        {
            string path = Path.Combine(folder, "in-" + sopInstanceUid + ".dcm");
            using (var fs = new FileStream(path, FileMode.Create))
            {
                byte[] meta = FileMetaInformationWriter.Build(sopClassUid, sopInstanceUid, DicomUids.ImplicitVRLittleEndian, "TESTGEN");
                fs.Write(meta, 0, meta.Length);
                Str(fs, 0x0008, 0x0016, sopClassUid, true);
                Str(fs, 0x0008, 0x0018, sopInstanceUid, true);
                Str(fs, 0x0008, 0x0060, "CT", false);
                Str(fs, 0x0010, 0x0010, patientName, false);
                Str(fs, 0x0010, 0x0020, "SYN001", false);
                Header(fs, 0x7FE0, 0x0010, (uint)pixelBytes);
                var px = new byte[pixelBytes];
                new Random(sopInstanceUid.GetHashCode()).NextBytes(px);
                fs.Write(px, 0, px.Length);
            }
            return path;
        }

        private static void Header(Stream s, ushort g, ushort e, uint len)
        {
            s.WriteByte((byte)g); s.WriteByte((byte)(g >> 8)); s.WriteByte((byte)e); s.WriteByte((byte)(e >> 8));
            s.WriteByte((byte)len); s.WriteByte((byte)(len >> 8)); s.WriteByte((byte)(len >> 16)); s.WriteByte((byte)(len >> 24));
        }

        private static void Str(Stream s, ushort g, ushort e, string v, bool uid)
        {
            if (v.Length % 2 == 1) v += uid ? "\0" : " ";
            Header(s, g, e, (uint)v.Length);
            byte[] b = Encoding.ASCII.GetBytes(v);
            s.Write(b, 0, b.Length);
        }

        /// <summary>The data set part of a Part 10 file (bytes after the meta group).</summary>
        public static byte[] DataSetBytes(string path)
        {
            var probe = FileMetaInformationProbe.Read(path);
            byte[] all = File.ReadAllBytes(path);
            var ds = new byte[all.Length - probe.DataSetOffset];
            Array.Copy(all, probe.DataSetOffset, ds, 0, ds.Length);
            return ds;
        }

        public static string NewUid() => "2.25." + new System.Numerics.BigInteger(Guid.NewGuid().ToByteArray().Concat(new byte[] { 0 }).ToArray()).ToString();
    }
}
