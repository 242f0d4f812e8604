using System;
using System.Globalization;

namespace HamletPS.Core.Upload
{
    /// <summary>Progress of one file, reported a few times a second (not per range) and once at the end.</summary>
    public sealed class UploadProgress
    {
        public UploadProgress(string name, long bytesDone, long totalBytes, double bytesPerSecond, TimeSpan? eta, bool completed)
        {
            Name = name;
            BytesDone = bytesDone;
            TotalBytes = totalBytes;
            BytesPerSecond = bytesPerSecond;
            Eta = eta;
            Completed = completed;
        }

        public string Name { get; }
        /// <summary>Bytes acknowledged by the destination (including ranges already present from an earlier attempt).</summary>
        public long BytesDone { get; }
        public long TotalBytes { get; }
        public double BytesPerSecond { get; }
        public double MegabytesPerSecond => BytesPerSecond / 1e6;
        public TimeSpan? Eta { get; }
        public bool Completed { get; }
        public int PercentComplete => TotalBytes <= 0 ? 100 : (int)Math.Min(100, BytesDone * 100 / TotalBytes);

        /// <summary>The ETA as both faces print it: m:ss under an hour, else h:mm:ss (hours not wrapped at a day).</summary>
        public static string FormatEta(TimeSpan eta) =>
            eta.TotalHours >= 1 ? ((int)eta.TotalHours).ToString(CultureInfo.InvariantCulture) + eta.ToString("\\:mm\\:ss", CultureInfo.InvariantCulture)
                                : eta.ToString("m\\:ss", CultureInfo.InvariantCulture);
    }
}
