using System;

namespace HamletPS.Dicom.Network
{
    /// <summary>Progress of a send batch, reported after each file (Write-Progress: files/s and MB/s).</summary>
    public sealed class SendProgress
    {
        public int FilesDone { get; set; }

        public int FilesTotal { get; set; }

        public long BytesDone { get; set; }

        public long BytesTotal { get; set; }

        public TimeSpan Elapsed { get; set; }

        public double FilesPerSecond => Elapsed.TotalSeconds > 0 ? FilesDone / Elapsed.TotalSeconds : 0;

        public double MegabytesPerSecond => Elapsed.TotalSeconds > 0 ? BytesDone / 1048576.0 / Elapsed.TotalSeconds : 0;

        /// <summary>The result of the file just finished.</summary>
        public SendResult? LastResult { get; set; }
    }
}
