using System;
using System.Globalization;
using HamletPS.Core.Upload;

namespace HamletPS.Internal
{
    /// <summary>
    /// Write-Progress for an upload or copy: "name: x of y MB, z MB/s, ETA m:ss" with percent and seconds remaining, through a
    /// <see cref="ProgressWriter"/>. Core reports from worker threads; the throttle's records reach the pipeline thread through
    /// the cmdlet's EmitProgress (marshalled).
    /// </summary>
    internal sealed class UploadProgressReporter : IProgress<UploadProgress>
    {
        private readonly ProgressWriter _throttle;
        private readonly object _gate = new object();

        public UploadProgressReporter(ProgressWriter throttle) => _throttle = throttle;

        public void Report(UploadProgress p)
        {
            string status = p.Name + ": " + Megabytes(p.BytesDone) + " of " + Megabytes(p.TotalBytes) + " MB, " +
                            p.MegabytesPerSecond.ToString("0.0", CultureInfo.InvariantCulture) + " MB/s" +
                            (p.Eta.HasValue && !p.Completed ? ", ETA " + UploadProgress.FormatEta(p.Eta.Value) : "");
            int seconds = p.Eta.HasValue ? (int)Math.Min(int.MaxValue, Math.Ceiling(p.Eta.Value.TotalSeconds)) : -1;
            lock (_gate) _throttle.Report(status, p.PercentComplete, seconds, force: p.Completed);
        }

        private static string Megabytes(long bytes) => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture);
    }
}
