namespace HamletPS.Dicom.Network
{
    /// <summary>Outcome of sending one file (Send-Dicom emits one per file).</summary>
    public sealed class SendResult
    {
        public string? Path { get; set; }

        public string? SopClassUid { get; set; }

        public string? SopInstanceUid { get; set; }

        /// <summary>The file's transfer syntax.</summary>
        public string? TransferSyntaxUid { get; set; }

        /// <summary>
        /// The transfer syntax the data set went over the network in: the file's own, or an uncompressed one the peer accepted
        /// instead (transcoded on the fly). Null when nothing was sent.
        /// </summary>
        public string? SentTransferSyntaxUid { get; set; }

        /// <summary>Bytes of the data set in the file.</summary>
        public long Length { get; set; }

        /// <summary>DIMSE status of the C-STORE-RSP; null when the file was not sent or no response arrived.</summary>
        public ushort? Status { get; set; }

        /// <summary>True for success or a warning status (the peer stored the object).</summary>
        public bool Success { get; set; }

        /// <summary>Error comment from the peer's response, if any.</summary>
        public string? ErrorComment { get; set; }

        /// <summary>Why the file was not stored (not Part 10, no accepted context, rejection, abort…); null on success.</summary>
        public string? Error { get; set; }
    }
}
