#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Core.Network;
using HamletPS.Core.Upload;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Heartbeat
{
    /// <summary>
    /// The site's heartbeat (as FIONA's heartbeat.sh checks its DICOM services): the configured PACS and our own receiver
    /// answer a C-ECHO, the receiver's incoming folder takes a file, and the Azure Files share is reachable and accepts our
    /// credentials. The checks run at the same time; one result each, in <see cref="HeartbeatCheckNames.All"/> order. Never
    /// throws for a service that does not answer: that is a failed check with its reason.
    /// </summary>
    public static class ServiceHeartbeat
    {
        /// <summary>Exit code when every check passed or was skipped.</summary>
        public const int ExitOk = 0;
        /// <summary>Exit code when a check failed.</summary>
        public const int ExitCheckFailed = 1;
        /// <summary>Exit code when the configuration cannot be used (no check ran).</summary>
        public const int ExitBadConfiguration = 2;

        public static async Task<IReadOnlyList<HeartbeatResult>> RunAsync(HeartbeatOptions options, CancellationToken cancellationToken = default)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            var checks = new List<Task<HeartbeatResult>>();
            foreach (string name in HeartbeatCheckNames.All)
            {
                if (options.Skipped.TryGetValue(name, out string? why))
                {
                    checks.Add(Task.FromResult(new HeartbeatResult { Name = name, Target = "-", Status = HeartbeatStatus.Skipped, Reason = "not configured: " + why }));
                    continue;
                }
                Task<HeartbeatResult>? check = name switch
                {
                    HeartbeatCheckNames.Pacs when options.Pacs != null => EchoAsync(name, options.Pacs, cancellationToken),
                    HeartbeatCheckNames.Receiver when options.Receiver != null => EchoAsync(name, options.Receiver, cancellationToken),
                    HeartbeatCheckNames.Incoming when options.Incoming != null => Task.Run(() => CheckFolder(name, options.Incoming), cancellationToken),
                    HeartbeatCheckNames.Share when options.Share != null => CheckShareAsync(name, options.Share, options.Timeout, cancellationToken),
                    _ => null,
                };
                if (check != null) checks.Add(check);
            }
            return await Task.WhenAll(checks).ConfigureAwait(false);
        }

        /// <summary>0 when no check failed, 1 when one did (a skipped check is no failure).</summary>
        public static int ExitCode(IEnumerable<HeartbeatResult> results) => results.Any(r => !r.Ok) ? ExitCheckFailed : ExitOk;

        private static async Task<HeartbeatResult> EchoAsync(string name, DicomPeer peer, CancellationToken ct)
        {
            var result = new HeartbeatResult { Name = name, Target = peer.ToString() };
            DicomEchoResult echo = await DicomEchoTester.EchoAsync(peer, ct).ConfigureAwait(false);
            result.LatencyMilliseconds = echo.TotalMilliseconds;
            if (echo.Success) result.Status = HeartbeatStatus.Passed;
            else Fail(result, ErrorIds.DicomEchoFailed, "C-ECHO to " + peer + " (called as " + peer.CallingAETitle + ") failed: " + echo.Error);
            return result;
        }

        /// <summary>Writes a temporary file (the name every walker skips) into the folder and removes it.</summary>
        private static HeartbeatResult CheckFolder(string name, string folder)
        {
            var result = new HeartbeatResult { Name = name, Target = folder };
            var clock = Stopwatch.StartNew();
            string probe = TemporaryFileName.InFolder(folder);
            try
            {
                if (!Directory.Exists(folder)) throw new DirectoryNotFoundException("the folder does not exist");
                using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
                {
                    stream.WriteByte(0);
                    stream.Flush(true);
                }
                result.Status = HeartbeatStatus.Passed;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Fail(result, ErrorIds.IncomingFolderNotWritable, "The receiver's incoming folder '" + folder + "' cannot be written: " +
                    (ex is UnauthorizedAccessException ? "access denied" : ex is DirectoryNotFoundException ? "the folder does not exist" : ex.GetType().Name) + ".");
            }
            finally
            {
                try { if (File.Exists(probe)) File.Delete(probe); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
            result.LatencyMilliseconds = Milliseconds(clock.Elapsed);
            return result;
        }

        /// <summary>The endpoint's port answers (Test-HamletShareConnection's probe), then one authenticated request on the share.</summary>
        private static async Task<HeartbeatResult> CheckShareAsync(string name, ResolvedShare share, TimeSpan timeout, CancellationToken ct)
        {
            Uri service = share.Connection.ServiceUri;
            string account = share.Connection.AccountName ?? service.Host;
            var result = new HeartbeatResult { Name = name, Target = account + "/" + share.Target };
            var clock = Stopwatch.StartNew();
            ShareConnectionTestResult reach = await ShareConnectionTester.TestAsync(service.Host, new[] { service.Port }, timeout, ct).ConfigureAwait(false);
            PortReachability port = reach.Ports[0];
            if (!port.Reachable)
            {
                result.LatencyMilliseconds = Milliseconds(clock.Elapsed);
                Fail(result, ErrorIds.ShareUnreachable, "The Azure Files endpoint " + service.Host + ":" + service.Port.ToString(CultureInfo.InvariantCulture) +
                    " of storage account '" + account + "' cannot be reached (" + (port.Error ?? "no answer") + "): check the proxy and firewall rules.");
                return result;
            }
            ShareFailure? failure = await ShareAccessProbe.ProbeAsync(share.Connection, share.Target, timeout, ct).ConfigureAwait(false);
            result.LatencyMilliseconds = Milliseconds(clock.Elapsed);
            if (failure == null) result.Status = HeartbeatStatus.Passed;
            else Fail(result, failure.Reason, share.Redact(failure.Message));
            return result;
        }

        private static void Fail(HeartbeatResult result, string errorId, string reason)
        {
            result.Status = HeartbeatStatus.Failed;
            result.ErrorId = errorId;
            result.Reason = reason;
        }

        private static double Milliseconds(TimeSpan elapsed) => Math.Round(elapsed.TotalMilliseconds, 3);
    }
}
