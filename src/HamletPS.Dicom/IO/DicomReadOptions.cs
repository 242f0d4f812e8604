using HamletPS.Dicom.Data;

namespace HamletPS.Dicom.IO
{
    /// <summary>How much to read, what to keep in memory, and the limits that stop a hostile or damaged source from growing without bound.</summary>
    public sealed class DicomReadOptions
    {
        /// <summary>Bytes charged per element, item and fragment besides its value (about what each object costs the process).</summary>
        public const int ElementOverhead = 128;

        /// <summary>Values at least this long are kept as references into a seekable source instead of being loaded (default 64 KiB).</summary>
        public long LargeValueThreshold { get; set; } = 64 * 1024;

        /// <summary>Stop before the first top-level element whose tag is at or above this one (null: read everything).</summary>
        public DicomTag? StopAtTag { get; set; }

        /// <summary>Sequences nested deeper than this are rejected as malformed (default 64).</summary>
        public int MaxNestingDepth { get; set; } = 64;

        /// <summary>
        /// The memory one read may hold (default 512 MiB): every value loaded into memory plus <see cref="ElementOverhead"/> bytes
        /// per element, item and fragment. Values referenced in a seekable source cost nothing; a deflated or forward-only
        /// source loads every value, so this bounds what its inflation can cost. Checked before each allocation.
        /// </summary>
        public long MaxMemory { get; set; } = 512L * 1024 * 1024;

        /// <summary>Bytes a Deflated Explicit VR Little Endian dataset may inflate to (default 256 MiB), whether kept or read past; declared lengths are checked against it before anything is allocated.</summary>
        public long MaxInflatedLength { get; set; } = 256L * 1024 * 1024;

        /// <summary>
        /// For checks that only need the structure (the receiver's parse of a received data set): values of at least
        /// <see cref="LargeValueThreshold"/> in a forward-only source are read past instead of loaded; the file is then
        /// incomplete and cannot be saved.
        /// </summary>
        internal bool SkipLargeStreamedValues { get; set; }

        /// <summary>Read everything (large values referenced in seekable sources).</summary>
        public static DicomReadOptions Default => new DicomReadOptions();

        /// <summary>Header only: stops before (7FE0,0010) Pixel Data.</summary>
        public static DicomReadOptions HeaderOnly => new DicomReadOptions { StopAtTag = new DicomTag(0x7FE0, 0x0010) };

        internal DicomReadOptions Clone() => (DicomReadOptions)MemberwiseClone();
    }
}
