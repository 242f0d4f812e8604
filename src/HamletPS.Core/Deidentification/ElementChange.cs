using HamletPS.Dicom.Data;

namespace HamletPS.Core.Deidentification
{
    /// <summary>How protection changed one element.</summary>
    public enum ElementChangeKind
    {
        /// <summary>The element was removed or its value replaced; <see cref="ElementChange.Original"/> holds the original element.</summary>
        Original = 0,
        /// <summary>The element did not exist and was added (restoring removes it).</summary>
        Added,
    }

    /// <summary>
    /// One change made by protection: where (the item path, "" for the top level, else "(gggg,eeee)[i]/..." through
    /// sequence items), in the file meta group or the dataset, and the original element. Holds patient data.
    /// </summary>
    public sealed class ElementChange
    {
        public ElementChange(string itemPath, bool inFileMeta, ElementChangeKind kind, DicomTag tag, DicomElement original)
        {
            ItemPath = itemPath ?? string.Empty;
            InFileMeta = inFileMeta;
            Kind = kind;
            Tag = tag;
            Original = original;
        }

        public string ItemPath { get; }

        public bool InFileMeta { get; }

        public ElementChangeKind Kind { get; }

        public DicomTag Tag { get; }

        /// <summary>The original element (null for <see cref="ElementChangeKind.Added"/>).</summary>
        public DicomElement Original { get; }

        /// <summary>"(gggg,eeee)" or "path/(gggg,eeee)": where the change is, no value.</summary>
        public string Location => (InFileMeta ? "meta:" : "") + (ItemPath.Length == 0 ? "" : ItemPath + "/") + Tag;

        public override string ToString() => Kind + " " + Location;
    }
}
