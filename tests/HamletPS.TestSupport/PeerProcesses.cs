using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace HamletPS.TestSupport
{
    /// <summary>Peers on the loopback interface: a free port, waiting for a listener or a condition, peer programs run as processes (always killed).</summary>
    public static class PeerProcesses
    {
        public static int FreePort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            int port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        /// <summary>Waits until something accepts TCP connections on the loopback port; TimeoutException when the bound passes.</summary>
        public static void WaitForPort(int port, int timeoutMs = 15000)
        {
            var sw = Stopwatch.StartNew();
            while (sw.ElapsedMilliseconds < timeoutMs)
            {
                try
                {
                    using var c = new TcpClient();
                    c.Connect(IPAddress.Loopback, port);
                    return;
                }
                catch (SocketException)
                {
                    Thread.Sleep(50);
                }
            }
            throw new TimeoutException("nothing listens on port " + port);
        }

        /// <summary>Waits for a condition (polling); false when the bound passed.</summary>
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

        /// <summary>Starts a peer with its output redirected and not yet read (the caller reads it or calls <see cref="StartDrained"/>).</summary>
        public static Process Start(string exe, string args) =>
            Process.Start(new ProcessStartInfo(exe, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });

        /// <summary>Starts a peer whose output is read and dropped (so a chatty peer never blocks on a full pipe).</summary>
        public static Process StartDrained(string exe, string args)
        {
            Process p = Start(exe, args);
            p.OutputDataReceived += (s, e) => { };
            p.ErrorDataReceived += (s, e) => { };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            return p;
        }

        /// <summary>Runs a peer to completion within a bound (killed when it passes); returns its exit code and output (stdout and stderr).</summary>
        public static (int ExitCode, string Output) Run(string exe, string args, int timeoutMs = 60000)
        {
            using Process p = Start(exe, args);
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

        /// <summary>
        /// Runs a program to its end with each argument passed as one (no quoting by the caller); standard output is read as
        /// UTF-8 and returned apart from standard error.
        /// </summary>
        public static (int ExitCode, string StdOut, string StdErr) RunWithArguments(string program, params string[] args)
        {
            var psi = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8,
            };
            foreach (string a in args) psi.ArgumentList.Add(a);
            using Process p = Process.Start(psi);
            var err = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output, err.Result);
        }

        /// <summary>Kills the process and its children when still running (never throws).</summary>
        public static void Kill(Process p)
        {
            try { if (p != null && !p.HasExited) p.Kill(true); } catch (Exception) { }
        }
    }
}
