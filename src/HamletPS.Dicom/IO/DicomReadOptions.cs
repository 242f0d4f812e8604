using HamletPS.Dicom.Data;

namespace HamletPS.Dicom.IO
{
    /// <summary>How much to read and what to keep in memory.</summary>
    public sealed class DicomReadOptions
    {
        /// <summary>Values at least this long are kept as references into a seekable source instead of being loaded (default 64 KiB).</summary>
        public long LargeValueThreshold { get; set; } = 64 * 1024;

        /// <summary>Stop before the first top-level element whose tag is at or above this one (null: read everything).</summary>
        public DicomTag? StopAtTag { get; set; }

        /// <summary>Sequences nested deeper than this are rejected as malformed (default 64).</summary>
        public int MaxNestingDepth { get; set; } = 64;

        /// <summary>Read everything (large values referenced in seekable sources).</summary>
        public static DicomReadOptions Default => new DicomReadOptions();

        /// <summary>Header only: stops before (7FE0,0010) Pixel Data.</summary>
        public static DicomReadOptions HeaderOnly => new DicomReadOptions { StopAtTag = new DicomTag(0x7FE0, 0x0010) };

        internal DicomReadOptions Clone() => (DicomReadOptions)MemberwiseClone();
    }
}
