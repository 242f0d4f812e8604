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

        /// <summary>
        /// When set, the preamble is bound to the content in this one pass (<see cref="DicomContentSeal"/>): 128 zero bytes are
        /// written first, every later byte is handed to the seal as it is written, and the preamble the seal returns is
        /// written over the zeros at the end (the output must be seekable; the file's own <see cref="Data.DicomFile.Preamble"/>
        /// is not used). Referenced values are then copied through our buffer (the seal must see them) instead of by the kernel.
        /// </summary>
        public DicomContentSeal? ContentSeal { get; set; }

        public static DicomWriteOptions Default => new DicomWriteOptions();
    }
}
