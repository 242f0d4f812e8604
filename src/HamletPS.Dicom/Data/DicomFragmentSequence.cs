using System.Collections.Generic;
using System.Text;
using HamletPS.Dicom.Text;

namespace HamletPS.Dicom.Data
{
    /// <summary>Encapsulated pixel data: the basic offset table (possibly empty) and the fragments, passed through byte for byte.</summary>
    public sealed class DicomFragmentSequence : DicomElement
    {
        public DicomFragmentSequence(DicomTag tag, DicomVR vr) : base(tag, vr)
        {
            OffsetTable = new DicomFragment(System.Array.Empty<byte>());
        }

        /// <summary>The first item: the basic offset table (length 0 when absent).</summary>
        public DicomFragment OffsetTable { get; set; }

        public List<DicomFragment> Fragments { get; } = new List<DicomFragment>();

        public override long Length => -1;

        public override byte[]? GetBytes() => null;

        internal override void AppendValueForDump(StringBuilder sb, DicomTextEncoding encoding) =>
            sb.Append("(PixelSequence with ").Append(Fragments.Count).Append(" fragments, offset table ").Append(OffsetTable.Length).Append(" bytes)");
    }
}
