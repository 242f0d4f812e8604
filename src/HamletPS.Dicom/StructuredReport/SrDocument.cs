using System;
using System.Collections.Generic;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Dicom.StructuredReport
{
    /// <summary>
    /// The content tree of an SR document (PS3.3 C.17.3): the root container is the dataset itself. Items referenced by
    /// position (by-reference relationships) are kept as they are; nothing is resolved by position.
    /// </summary>
    public sealed class SrDocument
    {
        /// <summary>Deepest content tree accepted; dose reports are about six levels deep.</summary>
        public const int MaxDepth = 64;

        private SrDocument(SrContentItem root, string? templateIdentifier)
        {
            Root = root;
            TemplateIdentifier = templateIdentifier;
        }

        public SrContentItem Root { get; }

        /// <summary>The root's Template Identifier (Content Template Sequence), e.g. "10001"; null when the document does not say.</summary>
        public string? TemplateIdentifier { get; }

        /// <summary>True when the dataset is an SR document (Value Type CONTAINER at the root and a Concept Name).</summary>
        public static bool IsStructuredReport(DicomDataset dataset) =>
            dataset != null && string.Equals((dataset.GetString(DicomTags.ValueType) ?? string.Empty).Trim(), SrValueType.Container, StringComparison.Ordinal);

        /// <summary>
        /// Builds the content tree. <see cref="SrFormatException"/> (naming <paramref name="source"/>) when the root is not a
        /// container or the tree is deeper than <see cref="MaxDepth"/>.
        /// </summary>
        public static SrDocument Read(DicomDataset dataset, string? source = null)
        {
            if (dataset == null) throw new ArgumentNullException(nameof(dataset));
            if (!IsStructuredReport(dataset)) throw new SrFormatException(source, "not a structured report: the root Value Type (0040,A040) is not CONTAINER");
            var root = Build(dataset, null, 0, source);
            string? template = null;
            var templates = dataset.GetItems(DicomTags.ContentTemplateSequence);
            if (templates.Count > 0) template = templates[0].GetString(DicomTags.TemplateIdentifier)?.Trim();
            return new SrDocument(root, string.IsNullOrEmpty(template) ? null : template);
        }

        private static SrContentItem Build(DicomDataset dataset, SrContentItem? parent, int depth, string? source)
        {
            if (depth > MaxDepth) throw new SrFormatException(source, "SR content tree deeper than " + MaxDepth + " levels");
            var item = new SrContentItem(dataset, parent, null);
            var items = dataset.GetItems(DicomTags.ContentSequence);
            if (items.Count > 0)
            {
                var children = new List<SrContentItem>(items.Count);
                foreach (DicomDataset child in items) children.Add(Build(child, item, depth + 1, source));
                item.Children = children;
            }
            return item;
        }
    }
}
