using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;

namespace HamletPS.Dicom.Text
{
    /// <summary>
    /// Decodes and encodes text values according to a dataset's Specific Character Set (0008,0005): PS3.5 6.1 and
    /// PS3.3 C.12.1.1.2. Single-byte sets (ISO_IR 6/100/101/109/110/144/127/126/138/148/203/166/13), ISO 2022 code extensions
    /// (ISO 2022 IR 6/100/.../13/87/159/149/58) with escape sequences and the resets of PS3.5 6.1.2.5.3, and the stand-alone
    /// ISO_IR 192 (UTF-8), GB18030 and GBK.
    /// <para>Decode a whole value (all of its '\'-separated values at once) and split the decoded string on '\': in GB18030,
    /// GBK and inside ISO 2022 double-byte runs the byte 0x5C can be half of a character.</para>
    /// <para>Sequence items without their own (0008,0005) inherit the enclosing dataset's encoding (PS3.5 7.5.3); that is the
    /// caller's choice of which instance to pass. Instances are immutable and thread-safe.</para>
    /// </summary>
    public sealed class DicomTextEncoding
    {
        private static readonly ConcurrentDictionary<string, DicomTextEncoding> Cache = new ConcurrentDictionary<string, DicomTextEncoding>(StringComparer.Ordinal);
        private const int CacheLimit = 256;

        private readonly Iso2022Codec? _iso2022;
        private readonly int _standAloneCodePage;
        private readonly Lazy<Encoding>? _standAlone;
        private readonly Lazy<Encoding>? _standAloneStrict;

        private DicomTextEncoding(IReadOnlyList<string> specificCharacterSet)
        {
            SpecificCharacterSet = specificCharacterSet;
            var unknown = new List<string>();
            var terms = new List<CharacterSetTerm>();
            CharacterSetTerm ascii = CharacterSetTerm.Find("ISO_IR 6") ?? throw new InvalidOperationException("ISO_IR 6 is missing from the term table.");
            for (int i = 0; i < specificCharacterSet.Count; i++)
            {
                string value = (specificCharacterSet[i] ?? string.Empty).Trim(' ', '\0');
                if (value.Length == 0)
                {
                    // An empty value 1 means the default repertoire; empty later values carry nothing.
                    if (i == 0) terms.Add(ascii);
                    continue;
                }
                var term = CharacterSetTerm.Find(value);
                if (term == null)
                {
                    unknown.Add(value);
                    if (i == 0) terms.Add(ascii); // unknown value 1: decode with the default repertoire
                    continue;
                }
                if (term.IsStandAlone && i > 0) continue; // UTF-8/GB18030/GBK cannot be code extensions: ignored there
                terms.Add(term);
            }
            UnknownTerms = unknown.ToArray();

            var first = terms.Count > 0 ? terms[0] : ascii;
            if (first.IsStandAlone)
            {
                // Values after a stand-alone term are ignored (they cannot extend it).
                _standAloneCodePage = first.StandAloneCodePage;
                int cp = _standAloneCodePage;
                _standAlone = new Lazy<Encoding>(() => cp == 65001 ? new UTF8Encoding(false, false) : CodePages.Get(cp));
                _standAloneStrict = new Lazy<Encoding>(() => cp == 65001 ? new UTF8Encoding(false, true) : CodePages.GetStrict(cp));
                return;
            }
            var initialG0 = first.G0 != null && !first.G0.IsDoubleByte ? first.G0 : GraphicCharacterSet.Ascii;
            var declared = new List<GraphicCharacterSet>();
            foreach (var t in terms)
            {
                if (t.G0 != null) declared.Add(t.G0);
                if (t.G1 != null) declared.Add(t.G1);
            }
            UsesCodeExtensions = terms.Count > 1 || first.IsCodeExtension;
            _iso2022 = new Iso2022Codec(initialG0, first.G1, declared);
        }

        /// <summary>The default character repertoire (no Specific Character Set).</summary>
        public static DicomTextEncoding Default { get; } = new DicomTextEncoding(Array.Empty<string>());

        /// <summary>ISO_IR 192 (UTF-8).</summary>
        public static DicomTextEncoding Utf8 { get; } = new DicomTextEncoding(new[] { "ISO_IR 192" });

        /// <summary>The values of (0008,0005) this encoding was made from.</summary>
        public IReadOnlyList<string> SpecificCharacterSet { get; }

        /// <summary>Values of (0008,0005) that are not defined terms (these were treated as the default repertoire).</summary>
        public IReadOnlyList<string> UnknownTerms { get; }

        /// <summary>True when every value of (0008,0005) is a known defined term; callers warn otherwise.</summary>
        public bool IsKnown => UnknownTerms.Count == 0;

        /// <summary>True for ISO 2022 code extensions (several values, or one "ISO 2022 IR nnn" value).</summary>
        public bool UsesCodeExtensions { get; }

        /// <summary>True for the stand-alone multi-byte encodings ISO_IR 192, GB18030 and GBK.</summary>
        public bool IsStandAloneMultiByte => _standAloneCodePage != 0;

        /// <summary>Builds the encoding for the values of (0008,0005); unknown terms fall back to the default repertoire.</summary>
        public static DicomTextEncoding FromSpecificCharacterSet(IReadOnlyList<string> values)
        {
            if (values == null || values.Count == 0) return Default;
            var copy = new string[values.Count];
            for (int i = 0; i < copy.Length; i++) copy[i] = values[i] ?? string.Empty;
            string key = string.Join("\\", copy);
            if (Cache.TryGetValue(key, out var cached)) return cached;
            var created = new DicomTextEncoding(copy);
            if (Cache.Count < CacheLimit) Cache.TryAdd(key, created);
            return created;
        }

        /// <summary>Builds the encoding from the raw string value of (0008,0005) ('\'-separated, padding allowed).</summary>
        public static DicomTextEncoding Parse(string specificCharacterSet)
        {
            if (string.IsNullOrEmpty(specificCharacterSet) || specificCharacterSet.Trim(' ', '\0').Length == 0) return Default;
            return FromSpecificCharacterSet(specificCharacterSet.TrimEnd(' ', '\0').Split('\\'));
        }

        /// <summary>Decodes a value's bytes (padding included; the caller trims).</summary>
        public string Decode(byte[] bytes, int offset, int count, DicomTextKind kind)
        {
            if (bytes == null) throw new ArgumentNullException(nameof(bytes));
            if (offset < 0 || count < 0 || offset > bytes.Length - count) throw new ArgumentOutOfRangeException(nameof(count));
            if (count == 0) return string.Empty;
            if (kind == DicomTextKind.Code) return Latin1(bytes, offset, count);
            if (_standAlone != null) return _standAlone.Value.GetString(bytes, offset, count);
            if (IsPlainAscii(bytes, offset, count)) return Latin1(bytes, offset, count);
            return _iso2022!.Decode(bytes, offset, count, kind == DicomTextKind.PersonName); // set whenever not stand-alone
        }

        /// <summary>Decodes a whole byte array.</summary>
        public string Decode(byte[] bytes, DicomTextKind kind)
        {
            if (bytes == null) throw new ArgumentNullException(nameof(bytes));
            return Decode(bytes, 0, bytes.Length, kind);
        }

        /// <summary>
        /// Encodes a value (without padding; the writer pads to even length), with the escape sequences it needs. Characters
        /// that no declared character set can represent become '?' (<see cref="CanEncode"/> tells beforehand).
        /// </summary>
        public byte[] Encode(string text, DicomTextKind kind)
        {
            TryEncode(text, kind, out byte[] bytes);
            return bytes;
        }

        /// <summary>Encodes like <see cref="Encode"/>; false when some character had to become '?'.</summary>
        public bool TryEncode(string text, DicomTextKind kind, out byte[] bytes)
        {
            text = text ?? string.Empty;
            if (kind == DicomTextKind.Code)
            {
                bytes = new byte[text.Length];
                bool ok = true;
                for (int i = 0; i < text.Length; i++)
                {
                    char c = text[i];
                    if (c > 0xFF) { c = '?'; ok = false; }
                    bytes[i] = (byte)c;
                }
                return ok;
            }
            if (_standAlone != null && _standAloneStrict != null)
            {
                try
                {
                    bytes = _standAloneStrict.Value.GetBytes(text);
                    return true;
                }
                catch (EncoderFallbackException)
                {
                    bytes = _standAlone.Value.GetBytes(text);
                    return false;
                }
            }
            if (IsPlainAscii(text))
            {
                bytes = new byte[text.Length];
                for (int i = 0; i < text.Length; i++) bytes[i] = (byte)text[i];
                return true;
            }
            bytes = _iso2022!.Encode(text, kind == DicomTextKind.PersonName, out bool complete); // set whenever not stand-alone
            return complete;
        }

        /// <summary>True when every character of the text can be represented in this dataset's character sets.</summary>
        public bool CanEncode(string text, DicomTextKind kind) => TryEncode(text, kind, out _);

        public override string ToString() =>
            SpecificCharacterSet.Count == 0 ? "(default repertoire)" : string.Join("\\", SpecificCharacterSet);

        private static bool IsPlainAscii(byte[] bytes, int offset, int count)
        {
            for (int i = offset, end = offset + count; i < end; i++)
                if (bytes[i] >= 0x80 || bytes[i] == 0x1B) return false;
            return true;
        }

        private static bool IsPlainAscii(string text)
        {
            foreach (char c in text)
                if (c >= 0x80 || c == 0x1B) return false;
            return true;
        }

        /// <summary>ISO 8859-1: every byte is the code point of the same number (built into .NET, vectorised, one allocation).</summary>
        private static readonly Encoding Latin1Bytes = Encoding.GetEncoding(28591);

        private static string Latin1(byte[] bytes, int offset, int count) => Latin1Bytes.GetString(bytes, offset, count);
    }
}
