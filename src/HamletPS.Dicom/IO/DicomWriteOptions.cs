namespace HamletPS.Dicom.IO
{
    /// <summary>How a file is written.</summary>
    public sealed class DicomWriteOptions
    {
        /// <summary>Target transfer syntax; null keeps the file's own (Explicit VR Little Endian for new files).</summary>
        public DicomTransferSyntax? TransferSyntax { get; set; }

        /// <summary>Write the 128-byte preamble, "DICM" and the file meta group (default true). False writes a bare dataset.</summary>
        public bool WriteFileMetaInformation { get; set; } = true;

        /// <summary>Deflate compression level for Deflated Explicit VR Little Endian.</summary>
        public System.IO.Compression.CompressionLevel DeflateLevel { get; set; } = System.IO.Compression.CompressionLevel.Optimal;

        public static DicomWriteOptions Default => new DicomWriteOptions();
    }
}
