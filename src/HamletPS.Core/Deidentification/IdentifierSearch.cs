using System;
using System.Collections.Generic;
using System.Text;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// All of a patient's identifying values searched in one pass over a text (built once per <see cref="PatientIdentifiers"/>):
    /// the same answers as calling <see cref="IdentityTextMatcher.Contains"/> for each value in turn (case-insensitive, whole
    /// words for name parts), without a string search per value. When the text and every value are ASCII, each position of
    /// the text is compared only with the values starting with that letter (ASCII case folding is then exactly what
    /// OrdinalIgnoreCase does); otherwise it falls back to the per-value search. Immutable and thread-safe.
    /// </summary>
    internal sealed class IdentifierSearch
    {
        private readonly IReadOnlyList<IdentifierValue> _values;
        private readonly string[] _folded;
        private readonly int[][] _byFirst; // per folded ASCII first character: value indexes, ascending
        private readonly bool _ascii;
        private readonly bool _anyCompact;
        private byte[][] _utf8, _utf16;

        public IdentifierSearch(IReadOnlyList<IdentifierValue> values)
        {
            _values = values ?? throw new ArgumentNullException(nameof(values));
            _folded = new string[values.Count];
            _ascii = true;
            foreach (var value in values) _anyCompact |= value.Compact != null;
            var buckets = new List<int>[128];
            for (int j = 0; j < values.Count; j++)
            {
                string v = values[j].Value;
                if (string.IsNullOrEmpty(v) || !IsAscii(v)) { _ascii = false; break; }
                var f = new char[v.Length];
                for (int k = 0; k < v.Length; k++) f[k] = Fold(v[k]);
                _folded[j] = new string(f);
                (buckets[f[0]] ?? (buckets[f[0]] = new List<int>())).Add(j);
            }
            if (_ascii)
            {
                _byFirst = new int[128][];
                for (int c = 0; c < 128; c++) if (buckets[c] != null) _byFirst[c] = buckets[c].ToArray();
            }
        }

        public IReadOnlyList<IdentifierValue> Values => _values;

        /// <summary>The index (in <see cref="PatientIdentifiers.Values"/> order) of the first value the text contains; -1 for none.</summary>
        public int FirstContained(string text)
        {
            if (string.IsNullOrEmpty(text) || _values.Count == 0) return -1;
            if (!_ascii || !IsAscii(text))
            {
                for (int j = 0; j < _values.Count; j++)
                    if (IdentityTextMatcher.Contains(text, _values[j])) return j;
                return -1;
            }
            int exact = FirstExact(text);
            return exact >= 0 || !_anyCompact ? exact : FirstCompact(text);
        }

        /// <summary>
        /// The first value whose compact form the compact form of the text contains; -1 for none. The text is ASCII here, so
        /// its compact form (<see cref="IdentityTextMatcher.Compact"/>: separators left out, upper-cased) is built with a table
        /// into a buffer this thread reuses, not a new string per text value.
        /// </summary>
        private int FirstCompact(string text)
        {
            var buffer = _compactBuffer;
            if (buffer == null || buffer.Length < text.Length)
            {
                buffer = new char[Math.Max(text.Length, 256)];
                if (buffer.Length <= MaxKeptCompactBuffer) _compactBuffer = buffer;
            }
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (AsciiSeparator[c]) continue;
                buffer[n++] = Fold(c);
            }
            var compact = new ReadOnlySpan<char>(buffer, 0, n);
            for (int j = 0; j < _values.Count; j++)
            {
                string c = _values[j].Compact;
                if (c != null && compact.IndexOf(c.AsSpan()) >= 0) return j;
            }
            return -1;
        }

        private const int MaxKeptCompactBuffer = 64 * 1024;
        [ThreadStatic] private static char[] _compactBuffer;

        /// <summary><see cref="IdentityTextMatcher.IsSeparator"/> for the 128 ASCII characters.</summary>
        private static readonly bool[] AsciiSeparator = BuildAsciiSeparators();

        private static bool[] BuildAsciiSeparators()
        {
            var table = new bool[128];
            for (int c = 0; c < 128; c++) table[c] = IdentityTextMatcher.IsSeparator((char)c);
            return table;
        }

        private int FirstExact(string text)
        {
            int best = int.MaxValue;
            for (int i = 0; i < text.Length; i++)
            {
                var bucket = _byFirst[Fold(text[i])];
                if (bucket == null) continue;
                for (int b = 0; b < bucket.Length; b++)
                {
                    int j = bucket[b];
                    if (j >= best) break;
                    if (MatchesAt(text, i, j)) { best = j; break; }
                }
                if (best == 0) return 0;
            }
            return best == int.MaxValue ? -1 : best;
        }

        /// <summary>True when the text contains any value.</summary>
        public bool ContainsAny(string text) => FirstContained(text) >= 0;

        /// <summary>The values as UTF-8 bytes (for binary values), built once.</summary>
        public byte[][] Utf8 => _utf8 ?? (_utf8 = Encode(Encoding.UTF8));

        /// <summary>The values as UTF-16LE bytes (for binary values), built once.</summary>
        public byte[][] Utf16 => _utf16 ?? (_utf16 = Encode(Encoding.Unicode));

        private byte[][] Encode(Encoding encoding)
        {
            var result = new byte[_values.Count][];
            for (int i = 0; i < result.Length; i++) result[i] = encoding.GetBytes(_values[i].Value);
            return result;
        }

        private bool MatchesAt(string text, int at, int j)
        {
            string v = _folded[j];
            if (at + v.Length > text.Length) return false;
            for (int k = 1; k < v.Length; k++)
                if (Fold(text[at + k]) != v[k]) return false;
            if (!_values[j].WordBoundary) return true;
            return IsBoundary(text, at - 1) && IsBoundary(text, at + v.Length);
        }

        private static bool IsBoundary(string text, int index) => index < 0 || index >= text.Length || !char.IsLetterOrDigit(text[index]);

        private static char Fold(char c) => c >= 'a' && c <= 'z' ? (char)(c - 32) : c;

        private static bool IsAscii(string s)
        {
            for (int i = 0; i < s.Length; i++) if (s[i] >= 0x80) return false;
            return true;
        }
    }
}
