using System;

namespace HamletPS.Core.Upload
{
    /// <summary>The outcome for one uploaded (or skipped) file. <see cref="Uri"/> never carries a SAS.</summary>
    public sealed class ShareUploadResult
    {
        public string Name { get; set; }
        public string LocalPath { get; set; }
        /// <summary>The remote file, without any query (no SAS).</summary>
        public Uri Uri { get; set; }
        /// <summary>Path inside the share, e.g. "incoming/batch/file.zip".</summary>
        public string RemotePath { get; set; }
        public long Bytes { get; set; }
        /// <summary>Bytes actually sent in this run (less than <see cref="Bytes"/> when resumed, 0 when skipped).</summary>
        public long BytesSent { get; set; }
        public string Md5Base64 { get; set; }
        public string Md5Hex { get; set; }
        public TimeSpan Duration { get; set; }
        /// <summary>Bytes of the file per second of this run, in MB/s (10^6 bytes).</summary>
        public double MegabytesPerSecond { get; set; }
        public ShareUploadStatus Status { get; set; }
        public int RangesSent { get; set; }
        public int RangesResumed { get; set; }

        public override string ToString() => Status + " " + RemotePath + " (" + Bytes + " bytes, " + MegabytesPerSecond.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " MB/s)";
    }
}
