using System.Collections.ObjectModel;
using System.Text;
using HamletPS.Dicom.Text;

namespace HamletPS.Dicom.Data
{
    /// <summary>
    /// A sequence of items (nested datasets). VR is SQ, or UN for a sequence that arrived as UN with undefined length
    /// (kept as UN so it is written back the way it came: implicit VR little endian inside).
    /// </summary>
    public sealed class DicomSequence : DicomElement
    {
        public DicomSequence(DicomTag tag, params DicomDataset[] items) : this(tag, DicomVR.SQ)
        {
            if (items != null) foreach (var item in items) Items.Add(item);
        }

        internal DicomSequence(DicomTag tag, DicomVR vr) : base(tag, vr)
        {
            Items = new DicomSequenceItems(this);
        }

        /// <summary>The items; adding an item makes it inherit this sequence's Specific Character Set.</summary>
        public Collection<DicomDataset> Items { get; }

        /// <summary>The dataset that holds this sequence (items inherit its character set).</summary>
        internal DicomDataset? Parent => Owner;

        public override long Length => -1;

        public override byte[]? GetBytes() => null;

        internal override void AppendValueForDump(StringBuilder sb, DicomTextEncoding encoding) =>
            sb.Append("(Sequence with ").Append(Items.Count).Append(Items.Count == 1 ? " item)" : " items)");

        private sealed class DicomSequenceItems : Collection<DicomDataset>
        {
            private readonly DicomSequence _owner;

            public DicomSequenceItems(DicomSequence owner) { _owner = owner; }

            protected override void InsertItem(int index, DicomDataset item)
            {
                if (item == null) throw new System.ArgumentNullException(nameof(item));
                item.ParentSequence = _owner;
                base.InsertItem(index, item);
            }

            protected override void SetItem(int index, DicomDataset item)
            {
                if (item == null) throw new System.ArgumentNullException(nameof(item));
                item.ParentSequence = _owner;
                base.SetItem(index, item);
            }
        }
    }
}
