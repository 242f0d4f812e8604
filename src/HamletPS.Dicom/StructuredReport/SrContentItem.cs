using System;
using System.Collections.Generic;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Dicom.StructuredReport
{
    /// <summary>
    /// One content item of an SR content tree (PS3.3 C.17.3): its value type, concept name, relationship to its parent, the
    /// value it carries and its children. Walk the tree by concept (<see cref="Child(string, string)"/>,
    /// <see cref="ChildrenOf(string, string)"/>), never by position: templates allow optional items and vendors reorder them.
    /// </summary>
    public sealed class SrContentItem
    {
        private static readonly IReadOnlyList<SrContentItem> None = Array.Empty<SrContentItem>();

        internal SrContentItem(DicomDataset dataset, SrContentItem? parent, IReadOnlyList<SrContentItem>? children)
        {
            Dataset = dataset;
            Parent = parent;
            Children = children ?? None;
        }

        /// <summary>The item's dataset (the SR document's root dataset for the root item).</summary>
        public DicomDataset Dataset { get; }

        public SrContentItem? Parent { get; }

        /// <summary>The items of its Content Sequence, in document order.</summary>
        public IReadOnlyList<SrContentItem> Children { get; internal set; }

        /// <summary>CONTAINER, TEXT, CODE, NUM … (upper case, trimmed); empty when absent.</summary>
        public string ValueType => (Dataset.GetString(DicomTags.ValueType) ?? string.Empty).Trim().ToUpperInvariant();

        /// <summary>CONTAINS, HAS PROPERTIES, HAS CONCEPT MOD, HAS OBS CONTEXT …; null for the root.</summary>
        public string? RelationshipType => Dataset.GetString(DicomTags.RelationshipType)?.Trim();

        /// <summary>Concept Name Code Sequence; null when absent (allowed for some items, e.g. a by-reference image).</summary>
        public SrCode? ConceptName => SrCode.FromSequence(Dataset, DicomTags.ConceptNameCodeSequence);

        /// <summary>True when the concept name is (value, scheme).</summary>
        public bool Is(string value, string scheme) => ConceptName?.Is(value, scheme) == true;

        /// <summary>TEXT value (Text Value).</summary>
        public string? Text => Dataset.GetString(DicomTags.TextValue)?.TrimEnd(' ', '\0');

        /// <summary>CODE value (Concept Code Sequence).</summary>
        public SrCode? Code => SrCode.FromSequence(Dataset, DicomTags.ConceptCodeSequence);

        /// <summary>UIDREF value.</summary>
        public string? Uid => Dataset.GetUid(DicomTags.UID);

        /// <summary>DATETIME value as written, offset ignored; null when absent or not a valid DT.</summary>
        public DateTime? DateTime => Dataset.GetDateTime(DicomTags.DateTime);

        /// <summary>PNAME value as written (component groups separated by '=').</summary>
        public string? PersonName => Dataset.GetString(DicomTags.PersonName);

        private DicomDataset? Measured
        {
            get
            {
                var items = Dataset.GetItems(DicomTags.MeasuredValueSequence);
                return items.Count == 0 ? null : items[0];
            }
        }

        /// <summary>
        /// NUM value: Floating Point Value when present (it carries the full precision), else Numeric Value (DS); null when
        /// the Measured Value Sequence is empty (no value, e.g. with a Numeric Value Qualifier) or the value is not a number.
        /// </summary>
        public double? Numeric
        {
            get
            {
                DicomDataset? m = Measured;
                if (m == null) return null;
                if (m.TryGetDouble(DicomTags.FloatingPointValue, out double fp)) return fp;
                return m.TryGetDouble(DicomTags.NumericValue, out double v) ? v : (double?)null;
            }
        }

        /// <summary>NUM units (Measurement Units Code Sequence, UCUM).</summary>
        public SrCode? Units
        {
            get
            {
                DicomDataset? m = Measured;
                return m == null ? null : SrCode.FromSequence(m, DicomTags.MeasurementUnitsCodeSequence);
            }
        }

        /// <summary>The first child with this concept name; null when none.</summary>
        public SrContentItem? Child(string value, string scheme)
        {
            foreach (SrContentItem c in Children) if (c.Is(value, scheme)) return c;
            return null;
        }

        public SrContentItem? Child(SrCode concept) => Child(concept.Value, concept.Scheme);

        /// <summary>Every child with this concept name, in document order.</summary>
        public IEnumerable<SrContentItem> ChildrenOf(string value, string scheme)
        {
            foreach (SrContentItem c in Children) if (c.Is(value, scheme)) yield return c;
        }

        /// <summary>Every item below this one (depth-first, document order) with this concept name.</summary>
        public IEnumerable<SrContentItem> Descendants(string value, string scheme)
        {
            var stack = new Stack<IEnumerator<SrContentItem>>();
            stack.Push(Children.GetEnumerator());
            while (stack.Count > 0)
            {
                IEnumerator<SrContentItem> e = stack.Peek();
                if (!e.MoveNext()) { stack.Pop(); continue; }
                if (e.Current.Is(value, scheme)) yield return e.Current;
                if (e.Current.Children.Count > 0) stack.Push(e.Current.Children.GetEnumerator());
            }
        }

        /// <summary>Value type, concept and value in one line (for warnings and debugging).</summary>
        public override string ToString()
        {
            string? value;
            switch (ValueType)
            {
                case SrValueType.Text: value = "\"" + Text + "\""; break;
                case SrValueType.Code: value = Code?.ToString(); break;
                case SrValueType.Numeric: value = Numeric + " " + Units?.Value; break;
                case SrValueType.UidReference: value = Uid; break;
                case SrValueType.DateTime: value = Dataset.GetString(DicomTags.DateTime); break;
                default: value = string.Empty; break;
            }
            return ValueType + ":" + ConceptName + (value is { Length: > 0 } ? " = " + value : string.Empty);
        }
    }
}
