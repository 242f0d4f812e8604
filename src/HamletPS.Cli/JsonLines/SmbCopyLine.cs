using HamletPS.Core.Upload;

namespace HamletPS.Cli.JsonLines
{
    /// <summary>`hamlet send-azure --destination --json`: one line per archive copied to the mounted share.</summary>
    public sealed class SmbCopyLine
    {
        public string Name { get; set; }
        public string LocalPath { get; set; }
        public string DestinationPath { get; set; }
        public long Bytes { get; set; }
        public string Sha256Hex { get; set; }
        public string Md5Base64 { get; set; }
        public string Md5Hex { get; set; }
        public double DurationSeconds { get; set; }
        public double MegabytesPerSecond { get; set; }
        public string Status { get; set; }

        public static SmbCopyLine From(SmbCopyResult r) => new SmbCopyLine
        {
            Name = r.Name, LocalPath = r.LocalPath, DestinationPath = r.DestinationPath, Bytes = r.Bytes, Sha256Hex = r.Sha256Hex,
            Md5Base64 = r.Md5Base64, Md5Hex = r.Md5Hex, DurationSeconds = r.Duration.TotalSeconds, MegabytesPerSecond = r.MegabytesPerSecond,
            Status = r.Status.ToString(),
        };
    }
}
