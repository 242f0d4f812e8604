using System;
using System.Collections.Generic;
using System.Text;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// Case-insensitive search and removal of identifying values in text and bytes (word-boundary aware for name parts). IDs,
    /// dates, telephone numbers and addresses (values matched anywhere) are also matched in their compact form: case folded and
    /// without separators (white space, control characters and <c>- _ . / \ ^ : , ; '</c>) on both sides, so "SYN 0000880",
    /// "syn-0000880" and "S.Y.N/0000880" all betray the MRN SYN0000880.
    /// </summary>
    internal static class IdentityTextMatcher
    {
        /// <summary>True when <paramref name="text"/> contains the value (as a whole word when the value asks for it, or in
        /// compact form for values matched anywhere).</summary>
        public static bool Contains(string text, IdentifierValue value) =>
            IndexOf(text, value, 0) >= 0 || value.Compact != null && !string.IsNullOrEmpty(text) && Compact(text, null).IndexOf(value.Compact, StringComparison.Ordinal) >= 0;

        /// <summary>True for the characters the compact form leaves out.</summary>
        public static bool IsSeparator(char c) =>
            char.IsWhiteSpace(c) || char.IsControl(c) || c == '-' || c == '_' || c == '.' || c == '/' || c == '\\' || c == '^' || c == ':' || c == ',' || c == ';' || c == '\'';

        /// <summary>The compact form: separators left out, letters upper-cased (invariant). <paramref name="map"/>, when given,
        /// receives for each compact character the index of its source character.</summary>
        public static string Compact(string text, List<int> map)
        {
            var sb = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (IsSeparator(c)) continue;
                sb.Append(char.ToUpperInvariant(c));
                map?.Add(i);
            }
            return sb.ToString();
        }

        public static int IndexOf(string text, IdentifierValue value, int start)
        {
            if (string.IsNullOrEmpty(text)) return -1;
            string v = value.Value;
            int at = start;
            while (at <= text.Length - v.Length)
            {
                int hit = text.IndexOf(v, at, StringComparison.OrdinalIgnoreCase);
                if (hit < 0) return -1;
                if (!value.WordBoundary || (IsBoundary(text, hit - 1) && IsBoundary(text, hit + v.Length))) return hit;
                at = hit + 1;
            }
            return -1;
        }

        /// <summary>The text with every occurrence of every value removed (runs of spaces collapsed); unchanged when none occurs.</summary>
        public static string RemoveAll(string text, PatientIdentifiers ids)
        {
            if (string.IsNullOrEmpty(text) || ids == null) return text;
            string result = text;
            bool changed = false;
            // Longest values first so a whole name goes before its parts.
            foreach (var v in ids.ValuesLongestFirst)
            {
                int hit;
                while ((hit = IndexOf(result, v, 0)) >= 0)
                {
                    result = result.Remove(hit, v.Value.Length);
                    changed = true;
                }
            }
            // Then the compact forms: the value written with other separators or case ("SYN 0000880" for SYN0000880).
            foreach (var v in ids.ValuesLongestFirst)
            {
                if (v.Compact == null) continue;
                while (result.Length > 0)
                {
                    var map = new List<int>(result.Length);
                    int hit = Compact(result, map).IndexOf(v.Compact, StringComparison.Ordinal);
                    if (hit < 0) break;
                    int from = map[hit], to = map[hit + v.Compact.Length - 1] + 1;
                    result = result.Remove(from, to - from);
                    changed = true;
                }
            }
            if (!changed) return text;
            var sb = new StringBuilder(result.Length);
            foreach (char c in result)
            {
                if (c == ' ' && (sb.Length == 0 || sb[sb.Length - 1] == ' ')) continue;
                sb.Append(c);
            }
            return sb.ToString().Trim(' ', '^', '_', '-', ',');
        }

        private static bool IsBoundary(string text, int index) => index < 0 || index >= text.Length || !char.IsLetterOrDigit(text[index]);

        /// <summary>ASCII-case-insensitive search of <paramref name="pattern"/> in <paramref name="data"/>.</summary>
        public static bool ContainsBytes(byte[] data, byte[] pattern)
        {
            if (data == null || pattern == null || pattern.Length == 0 || data.Length < pattern.Length) return false;
            byte first = Fold(pattern[0]);
            int last = data.Length - pattern.Length;
            for (int i = 0; i <= last; i++)
            {
                if (Fold(data[i]) != first) continue;
                int j = 1;
                while (j < pattern.Length && Fold(data[i + j]) == Fold(pattern[j])) j++;
                if (j == pattern.Length) return true;
            }
            return false;
        }

        private static byte Fold(byte b) => b >= (byte)'a' && b <= (byte)'z' ? (byte)(b - 32) : b;
    }
}
