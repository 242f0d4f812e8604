using System;

namespace HamletPS.Core.Upload
{
    /// <summary>The outcome of copying one file to a mounted share, UNC path or local folder.</summary>
    public sealed class SmbCopyResult
    {
        public string Name { get; set; }
        public string LocalPath { get; set; }
        public string DestinationPath { get; set; }
        public long Bytes { get; set; }
        public string Sha256Hex { get; set; }
        public string Md5Base64 { get; set; }
        public string Md5Hex { get; set; }
        public TimeSpan Duration { get; set; }
        public double MegabytesPerSecond { get; set; }
        public SmbCopyStatus Status { get; set; }

        public override string ToString() => Status + " " + DestinationPath + " (" + Bytes + " bytes)";
    }
}
