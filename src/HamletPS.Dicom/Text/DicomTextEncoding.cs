using System;
using System.Collections.Generic;
using System.Text;

namespace HamletPS.Dicom.Text
{
    /// <summary>
    /// Decodes and encodes text values according to a dataset's Specific Character Set (0008,0005).
    /// PLACEHOLDER CONTRACT: this first version knows the default repertoire, ISO_IR 100 and ISO_IR 192 only;
    /// the full implementation (ISO 2022 code extensions, all PS3.3 C.12.1.1.2 sets) replaces the bodies, not the API.
    /// </summary>
    public sealed class DicomTextEncoding
    {
        private readonly Encoding _encoding;

        private DicomTextEncoding(IReadOnlyList<string> specificCharacterSet, Encoding encoding)
        {
            SpecificCharacterSet = specificCharacterSet;
            _encoding = encoding;
        }

        /// <summary>The default character repertoire (no Specific Character Set).</summary>
        public static DicomTextEncoding Default { get; } = new DicomTextEncoding(Array.Empty<string>(), Encoding.GetEncoding("ISO-8859-1"));

        /// <summary>The values of (0008,0005) this encoding was made from.</summary>
        public IReadOnlyList<string> SpecificCharacterSet { get; }

        /// <summary>Builds the encoding for the values of (0008,0005); unknown terms fall back to the default repertoire.</summary>
        public static DicomTextEncoding FromSpecificCharacterSet(IReadOnlyList<string> values)
        {
            if (values == null || values.Count == 0) return Default;
            string first = (values[0] ?? string.Empty).Trim();
            if (first == "ISO_IR 192") return new DicomTextEncoding(values, new UTF8Encoding(false));
            return new DicomTextEncoding(values, Encoding.GetEncoding("ISO-8859-1"));
        }

        /// <summary>Decodes a value's bytes (padding included; the caller trims).</summary>
        public string Decode(byte[] bytes, int offset, int count, DicomTextKind kind)
        {
            if (kind == DicomTextKind.Code) return Encoding.ASCII.GetString(bytes, offset, count);
            return _encoding.GetString(bytes, offset, count);
        }

        /// <summary>Encodes a value (without padding; the writer pads to even length).</summary>
        public byte[] Encode(string text, DicomTextKind kind)
        {
            if (kind == DicomTextKind.Code) return Encoding.ASCII.GetBytes(text ?? string.Empty);
            return _encoding.GetBytes(text ?? string.Empty);
        }
    }
}
