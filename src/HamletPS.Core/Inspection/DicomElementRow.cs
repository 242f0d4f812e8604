#nullable enable
namespace HamletPS.Core.Inspection
{
    /// <summary>One element of a file, at any depth, like a line of dcmdump (Get-DicomFile -Elements, `hamlet inspect --elements`).</summary>
    public sealed class DicomElementRow
    {
        /// <summary>The file the element was read from.</summary>
        public string? Path { get; set; }

        /// <summary>Nesting depth: 0 for the top-level dataset, 1 inside an item of a top-level sequence, and so on.</summary>
        public int Depth { get; set; }

        /// <summary>Where the element sits, e.g. "(300A,00B0)[0].(300A,0111)[2].(300A,011E)"; equal to Tag at depth 0.</summary>
        public string? Location { get; set; }

        /// <summary>"(gggg,eeee)".</summary>
        public string? Tag { get; set; }

        public string? VR { get; set; }

        /// <summary>The dictionary keyword, or empty for private and unknown elements.</summary>
        public string? Keyword { get; set; }

        /// <summary>Value length in bytes; -1 for sequences and encapsulated pixel data.</summary>
        public long Length { get; set; }

        /// <summary>Number of items for sequences and fragments for encapsulated pixel data; null otherwise.</summary>
        public int? Items { get; set; }

        /// <summary>The value as text, cut to <see cref="DicomFileInspector.MaxValueText"/> characters; binary values longer than that are summarised.</summary>
        public string? Value { get; set; }
    }
}
