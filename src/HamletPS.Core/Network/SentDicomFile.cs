namespace HamletPS.Core.Network
{
    /// <summary>The outcome of sending one file (Send-Dicom writes one per file sent).</summary>
    public sealed class SentDicomFile
    {
        /// <summary>The file sent.</summary>
        public string Path { get; set; }

        public string SOPInstanceUID { get; set; }

        public string SOPClassUID { get; set; }

        /// <summary>The SOP class's registry name, or the UID when unknown.</summary>
        public string SOPClassName { get; set; }

        /// <summary>Bytes of the data set sent.</summary>
        public long Length { get; set; }

        /// <summary>The DIMSE status of the peer's C-STORE response, four hex digits ("0000"); null when no response came.</summary>
        public string Status { get; set; }

        /// <summary>What the status means ("Success", "Failure: refused, out of resources" …) or why the file was not sent.</summary>
        public string StatusText { get; set; }

        /// <summary>True when the peer stored the file (success or warning status).</summary>
        public bool Success { get; set; }

        /// <summary>The peer, "CALLED@host:port".</summary>
        public string Peer { get; set; }

        /// <summary>
        /// Null on success; else a stable reason: <c>InvalidDicomFile</c> (not a Part 10 file), <c>DicomStoreRefused</c> (the peer
        /// answered with a failure status), <c>DicomSendFailed</c> (no answer: connection, association or transfer failed).
        /// </summary>
        public string FailureReason { get; set; }
    }
}
