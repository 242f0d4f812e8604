using System;

namespace HamletPS.Core.Network
{
    /// <summary>Progress of Send-Dicom, reported after each file.</summary>
    public sealed class DicomSendProgress
    {
        public int FilesDone { get; set; }

        public int FilesTotal { get; set; }

        public long BytesDone { get; set; }

        public long BytesTotal { get; set; }

        public TimeSpan Elapsed { get; set; }

        public double FilesPerSecond => Elapsed.TotalSeconds > 0 ? FilesDone / Elapsed.TotalSeconds : 0;

        public double MegabytesPerSecond => Elapsed.TotalSeconds > 0 ? BytesDone / 1048576.0 / Elapsed.TotalSeconds : 0;

        /// <summary>0–100 by files.</summary>
        public double PercentComplete => FilesTotal > 0 ? 100.0 * FilesDone / FilesTotal : 0;

        /// <summary>The file just finished.</summary>
        public SentDicomFile File { get; set; }
    }
}
