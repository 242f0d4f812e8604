using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace HamletPS.Core.Upload
{
    /// <summary>Tests TCP reachability of a storage account host on 445 (SMB mount) and 443 (HTTPS upload), with a timeout.</summary>
    public static class ShareConnectionTester
    {
        public const int SmbPort = 445;
        public const int HttpsPort = 443;

        /// <summary>The host of a storage account's File service, e.g. hamletrtsite.file.core.windows.net.</summary>
        public static string HostForAccount(string accountName) => accountName + ".file.core.windows.net";

        public static Task<ShareConnectionTestResult> TestAsync(string host, TimeSpan timeout, CancellationToken cancellationToken = default) =>
            TestAsync(host, new[] { SmbPort, HttpsPort }, timeout, cancellationToken);

        /// <summary>Tests the given ports concurrently; never throws for network failures (they become <see cref="PortReachability.Error"/>).</summary>
        public static async Task<ShareConnectionTestResult> TestAsync(string host, IEnumerable<int> ports, TimeSpan timeout, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(host)) throw new ArgumentException("A host is required.", nameof(host));
            var results = await Task.WhenAll(ports.Select(p => ProbeAsync(host, p, timeout, cancellationToken))).ConfigureAwait(false);
            return new ShareConnectionTestResult { Host = host, Ports = results.ToList() };
        }

        private static async Task<PortReachability> ProbeAsync(string host, int port, TimeSpan timeout, CancellationToken ct)
        {
            var clock = Stopwatch.StartNew();
            var client = new TcpClient();
            try
            {
                Task connect = client.ConnectAsync(host, port);
                Task winner = await Task.WhenAny(connect, Task.Delay(timeout, ct)).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
                if (winner != connect)
                {
                    _ = connect.ContinueWith(t => { _ = t.Exception; }, TaskScheduler.Default);
                    return new PortReachability { Port = port, Reachable = false, Elapsed = clock.Elapsed, Error = "no answer within " + timeout.TotalSeconds + " s (blocked by a firewall?)" };
                }
                await connect.ConfigureAwait(false);
                return new PortReachability { Port = port, Reachable = true, Elapsed = clock.Elapsed };
            }
            catch (SocketException ex)
            {
                return new PortReachability { Port = port, Reachable = false, Elapsed = clock.Elapsed, Error = ex.SocketErrorCode.ToString() };
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
