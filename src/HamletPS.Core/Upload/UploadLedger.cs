using System.Collections.Generic;

namespace HamletPS.Core.Upload
{
    /// <summary>
    /// The local record of one upload in progress: which ranges of the temporary remote file the service acknowledged,
    /// each with the MD5 of the bytes sent, so a re-run sends only the missing ranges and can prove the acknowledged
    /// ones still match the local file. Identified by local path, size, last-write time and destination.
    /// </summary>
    public sealed class UploadLedger
    {
        public int Version { get; set; } = 1;
        public string Key { get; set; }
        public string LocalPath { get; set; }
        public long Size { get; set; }
        public long LastWriteTicksUtc { get; set; }
        /// <summary>Destination without any secret.</summary>
        public string RemoteUri { get; set; }
        public string TemporaryName { get; set; }
        public int RangeSize { get; set; }
        public List<UploadLedgerRange> Ranges { get; set; } = new List<UploadLedgerRange>();
    }

    /// <summary>One acknowledged range: its index (offset = index × range size) and the MD5 of its bytes (base64).</summary>
    public sealed class UploadLedgerRange
    {
        public int Index { get; set; }
        public string Md5 { get; set; }
    }
}
