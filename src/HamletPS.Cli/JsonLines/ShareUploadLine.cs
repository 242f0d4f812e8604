using HamletPS.Core.Upload;

namespace HamletPS.Cli.JsonLines
{
    /// <summary>`hamlet send-azure --json`: one line per archive uploaded over HTTPS.</summary>
    public sealed class ShareUploadLine
    {
        public string Name { get; set; }
        public string LocalPath { get; set; }
        public string Uri { get; set; }
        public string RemotePath { get; set; }
        public long Bytes { get; set; }
        public long BytesSent { get; set; }
        public string Md5Base64 { get; set; }
        public string Md5Hex { get; set; }
        public double DurationSeconds { get; set; }
        public double MegabytesPerSecond { get; set; }
        public string Status { get; set; }
        public int RangesSent { get; set; }
        public int RangesResumed { get; set; }

        public static ShareUploadLine From(ShareUploadResult r) => new ShareUploadLine
        {
            Name = r.Name, LocalPath = r.LocalPath, Uri = r.Uri.ToString(), RemotePath = r.RemotePath, Bytes = r.Bytes, BytesSent = r.BytesSent,
            Md5Base64 = r.Md5Base64, Md5Hex = r.Md5Hex, DurationSeconds = r.Duration.TotalSeconds, MegabytesPerSecond = r.MegabytesPerSecond,
            Status = r.Status.ToString(), RangesSent = r.RangesSent, RangesResumed = r.RangesResumed,
        };
    }
}
