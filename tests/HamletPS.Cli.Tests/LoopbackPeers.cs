using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>Peers on the loopback interface for the network tests: a free port, waiting for a listener, and dcmtk's tools run as processes.</summary>
    internal static class LoopbackPeers
    {
        public static int FreePort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            int port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        public static void WaitForPort(int port)
        {
            Assert.True(WaitUntil(() =>
            {
                try { using var c = new TcpClient(); c.Connect(IPAddress.Loopback, port); return true; }
                catch (SocketException) { return false; }
            }, 15000), "nothing listens on port " + port);
        }

        public static bool WaitUntil(Func<bool> condition, int timeoutMs = 30000)
        {
            var sw = Stopwatch.StartNew();
            while (!condition())
            {
                if (sw.ElapsedMilliseconds > timeoutMs) return false;
                Thread.Sleep(25);
            }
            return true;
        }

        public static Process StartPeer(string exe, string args)
        {
            var p = Process.Start(new ProcessStartInfo(exe, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            return p;
        }

        public static (int, string) RunPeer(string exe, string args)
        {
            using var p = Process.Start(new ProcessStartInfo(exe, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            var output = new StringBuilder();
            p.OutputDataReceived += (s, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            p.ErrorDataReceived += (s, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            if (!p.WaitForExit(60000))
            {
                p.Kill(true);
                throw new TimeoutException(exe + " did not finish");
            }
            p.WaitForExit();
            lock (output) return (p.ExitCode, output.ToString());
        }
    }
}
