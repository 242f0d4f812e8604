using System;
using System.Globalization;
using System.Text;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.Text;

namespace HamletPS.Dicom.Data
{
    /// <summary>
    /// A data element: tag, VR and a value held either in memory (little-endian byte order for binary numbers, padding as read)
    /// or as a reference into its source (large values such as pixel data), copied source -> destination on write.
    /// </summary>
    public class DicomElement
    {
        private byte[]? _data;
        private DicomValueReference? _reference;

        /// <summary>An element whose value is the given bytes (little endian for binary numbers); the array is not copied.</summary>
        public DicomElement(DicomTag tag, DicomVR vr, byte[] value)
        {
            Tag = tag;
            VR = vr ?? throw new ArgumentNullException(nameof(vr));
            _data = value ?? Array.Empty<byte>();
        }

        /// <summary>An element whose value stays in its source until written.</summary>
        public DicomElement(DicomTag tag, DicomVR vr, DicomValueReference reference)
        {
            Tag = tag;
            VR = vr ?? throw new ArgumentNullException(nameof(vr));
            _reference = reference ?? throw new ArgumentNullException(nameof(reference));
        }

        protected DicomElement(DicomTag tag, DicomVR vr)
        {
            Tag = tag;
            VR = vr;
        }

        public DicomTag Tag { get; }

        public DicomVR VR { get; internal set; }

        public string? Keyword => Tag.Keyword;

        public string Name => Tag.Name;

        /// <summary>Value length in bytes (as stored, including any padding byte); -1 for sequences and encapsulated pixel data.</summary>
        public virtual long Length => _reference != null ? _reference.Length : _data?.Length ?? 0;

        /// <summary>True when the value is not in memory but referenced in its source.</summary>
        public bool IsReference => _reference != null;

        /// <summary>The source reference for a large value, or null.</summary>
        public DicomValueReference? Reference => _reference;

        /// <summary>The in-memory value bytes (no copy: do not modify), or null for referenced values, sequences and fragments.</summary>
        internal byte[]? Data => _data;

        /// <summary>The dataset this element was last added to (used to find the Specific Character Set for display).</summary>
        internal DicomDataset? Owner { get; set; }

        /// <summary>A copy of the value bytes (little endian for binary numbers), loading a referenced value from its source.</summary>
        public virtual byte[]? GetBytes()
        {
            if (_reference != null) return _reference.Load(VR.UnitSize);
            return (byte[]?)_data?.Clone();
        }

        /// <summary>True when the value is in memory and equals <paramref name="bytes"/> byte for byte (no copy is made).</summary>
        public bool ValueEquals(byte[] bytes)
        {
            if (bytes == null || _reference != null || _data == null || _data.Length != bytes.Length) return false;
            for (int i = 0; i < bytes.Length; i++) if (_data[i] != bytes[i]) return false;
            return true;
        }

        /// <summary>The value bytes without copying when in memory (callers must not modify them).</summary>
        internal byte[] GetBytesNoCopy() => _reference != null ? _reference.Load(VR.UnitSize) : _data ?? Array.Empty<byte>();

        /// <summary>Decodes the whole value as text (trailing padding removed); binary numbers are formatted and joined with '\'.</summary>
        public string GetValueText(DicomTextEncoding encoding)
        {
            if (VR.IsString)
            {
                var bytes = GetBytesNoCopy();
                int n = bytes.Length;
                while (n > 0 && (bytes[n - 1] == 0 || bytes[n - 1] == (byte)' ')) n--;
                return (encoding ?? DicomTextEncoding.Default).Decode(bytes, 0, n, VR.TextKind);
            }
            return DicomValueCodec.FormatBinary(this);
        }

        /// <summary>
        /// A dcmdump-like line: <c>(0010,0010) PN [value]  # length, keyword</c>. Shows the value (control characters escaped,
        /// see <see cref="DisplayText"/>): meant for explicit dumps only.
        /// </summary>
        public override string ToString()
        {
            var sb = new StringBuilder(64);
            sb.Append(Tag.ToString()).Append(' ').Append(VR.Code).Append(' ');
            AppendValueForDump(sb, Owner?.TextEncoding ?? DicomTextEncoding.Default);
            sb.Append("  # ").Append(Length).Append(", ").Append(Keyword ?? Name);
            return sb.ToString();
        }

        internal virtual void AppendValueForDump(StringBuilder sb, DicomTextEncoding encoding)
        {
            if (_reference != null)
            {
                sb.Append("(not loaded: ").Append(_reference.Length).Append(" bytes)");
                return;
            }
            if (VR.IsString)
            {
                string text = GetValueText(encoding);
                if (text.Length > 256) text = text.Substring(0, 256) + "...";
                sb.Append('[').Append(DisplayText.Escape(text)).Append(']');
            }
            else if (_data != null && (VR == DicomVR.OB || VR == DicomVR.UN || (VR.UnitSize > 1 && _data.Length > 64 && (VR == DicomVR.OW || VR == DicomVR.OF || VR == DicomVR.OD || VR == DicomVR.OL || VR == DicomVR.OV))))
            {
                int n = Math.Min(_data.Length, 16);
                for (int i = 0; i < n; i++) sb.Append(i == 0 ? "" : "\\").Append(_data[i].ToString("x2", CultureInfo.InvariantCulture));
                if (_data.Length > n) sb.Append("...");
                if (_data.Length == 0) sb.Append("(no value)");
            }
            else
            {
                string text = DicomValueCodec.FormatBinary(this);
                if (text.Length > 256) text = text.Substring(0, 256) + "...";
                sb.Append(text.Length == 0 ? "(no value)" : text);
            }
        }

        internal void SetData(byte[] data)
        {
            _data = data ?? Array.Empty<byte>();
            _reference = null;
        }
    }
}
