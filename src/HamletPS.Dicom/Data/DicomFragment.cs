using System;

namespace HamletPS.Dicom.Data
{
    /// <summary>One item of encapsulated pixel data (the basic offset table or a fragment), in memory or referenced in its source.</summary>
    public sealed class DicomFragment
    {
        public DicomFragment(byte[] bytes) { Data = bytes ?? Array.Empty<byte>(); }

        public DicomFragment(DicomValueReference reference) { Reference = reference ?? throw new ArgumentNullException(nameof(reference)); }

        internal byte[]? Data { get; }

        public DicomValueReference? Reference { get; }

        public bool IsReference => Reference != null;

        public long Length => Reference != null ? Reference.Length : Data!.Length; // one of the two is set by each constructor

        /// <summary>A copy of the fragment bytes (loaded from the source when referenced).</summary>
        public byte[] GetBytes() => Reference != null ? Reference.Load(1) : (byte[])Data!.Clone();
    }
}
