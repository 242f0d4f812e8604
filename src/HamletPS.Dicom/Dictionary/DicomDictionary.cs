using System;
using System.Collections.Generic;
using System.Globalization;
using HamletPS.Dicom.Data;

namespace HamletPS.Dicom.Dictionary
{
    /// <summary>The PS3.6 data dictionary (generated table in DicomDictionary.Generated.cs), parsed once on first use.</summary>
    public static class DicomDictionary
    {
        private sealed class Tables
        {
            public readonly Dictionary<uint, DicomDictionaryEntry> ByTag = new Dictionary<uint, DicomDictionaryEntry>(5400);
            public readonly Dictionary<string, DicomDictionaryEntry> ByKeyword = new Dictionary<string, DicomDictionaryEntry>(5400, StringComparer.Ordinal);
            public readonly List<DicomDictionaryEntry> Repeating = new List<DicomDictionaryEntry>(100);
            public readonly List<DicomDictionaryEntry> All = new List<DicomDictionaryEntry>(5400);
        }

        private static readonly Lazy<Tables> Data = new Lazy<Tables>(Build);

        /// <summary>Every entry in tag order.</summary>
        public static IReadOnlyList<DicomDictionaryEntry> Entries => Data.Value.All;

        /// <summary>The entry for a tag, including repeating-group entries; null for private and unknown tags.</summary>
        public static DicomDictionaryEntry Lookup(DicomTag tag)
        {
            var t = Data.Value;
            if (t.ByTag.TryGetValue(tag.Value, out var e)) return e;
            if (tag.IsPrivate) return null;
            var rep = t.Repeating;
            for (int i = 0; i < rep.Count; i++)
                if (rep[i].Matches(tag)) return rep[i];
            return null;
        }

        /// <summary>The entry for a keyword ("PatientName"), case-sensitive; null when unknown.</summary>
        public static DicomDictionaryEntry LookupKeyword(string keyword)
        {
            if (keyword == null) return null;
            return Data.Value.ByKeyword.TryGetValue(keyword, out var e) ? e : null;
        }

        /// <summary>
        /// The VR to use for a tag when the encoding does not say (implicit VR): dictionary VR (first of ambiguous ones),
        /// UL for group lengths, LO for private creators, UN otherwise.
        /// </summary>
        public static DicomVR GetDefaultVR(DicomTag tag)
        {
            if (tag.IsGroupLength) return DicomVR.UL;
            if (tag.IsPrivate) return tag.IsPrivateCreator ? DicomVR.LO : DicomVR.UN;
            return Lookup(tag)?.VR ?? DicomVR.UN;
        }

        /// <summary>
        /// Parses the generated rows in one pass over the text: tags as hex digits read in place, and the few distinct VR and
        /// VM columns (about 40 and 20) shared between entries instead of split and allocated per row, so building the tables
        /// costs a few milliseconds at the first lookup rather than tens.
        /// </summary>
        private static Tables Build()
        {
            var t = new Tables();
            var vrCache = new Dictionary<string, DicomVR[]>(StringComparer.Ordinal);
            var textCache = new Dictionary<string, string>(StringComparer.Ordinal);
            string rows = DicomDictionaryData.Rows;
            int pos = 0;
            var bars = new int[5];
            while (pos < rows.Length)
            {
                int end = rows.IndexOf('\n', pos);
                if (end < 0) end = rows.Length;
                int stop = end > pos && rows[end - 1] == '\r' ? end - 1 : end;
                if (stop > pos)
                {
                    int from = pos;
                    for (int i = 0; i < bars.Length; i++)
                    {
                        int bar = rows.IndexOf('|', from, stop - from);
                        if (bar < 0) throw new InvalidOperationException("Corrupt generated dictionary row.");
                        bars[i] = bar;
                        from = bar + 1;
                    }
                    if (bars[0] - pos != 8) throw new InvalidOperationException("Corrupt generated dictionary row.");
                    var entry = Parse(rows, pos, bars, stop, vrCache, textCache);
                    t.All.Add(entry);
                    if (entry.IsRepeating) t.Repeating.Add(entry);
                    else t.ByTag[entry.Tag.Value] = entry;
                    if (entry.Keyword.Length > 0) t.ByKeyword[entry.Keyword] = entry;
                }
                pos = end + 1;
            }
            return t;
        }

        /// <summary>One row: tag (x = repeating nibble) | VR(s) | VM | keyword | name | retired (Y/N).</summary>
        private static DicomDictionaryEntry Parse(string rows, int start, int[] bars, int stop, Dictionary<string, DicomVR[]> vrCache, Dictionary<string, string> textCache)
        {
            uint value = 0, mask = 0;
            for (int i = 0; i < 8; i++)
            {
                char ch = rows[start + i];
                value <<= 4;
                mask <<= 4;
                if (ch == 'x' || ch == 'X') continue;
                value |= (uint)HexDigit(ch);
                mask |= 0xF;
            }
            string vrText = Shared(rows, bars[0] + 1, bars[1], textCache);
            if (!vrCache.TryGetValue(vrText, out DicomVR[] vrs))
            {
                if (vrText == "NONE") vrs = Array.Empty<DicomVR>();
                else
                {
                    var parts = vrText.Split(new[] { " or " }, StringSplitOptions.RemoveEmptyEntries);
                    vrs = new DicomVR[parts.Length];
                    for (int i = 0; i < parts.Length; i++) vrs[i] = DicomVR.Parse(parts[i]);
                }
                vrCache.Add(vrText, vrs);
            }
            string vm = Shared(rows, bars[1] + 1, bars[2], textCache);
            string keyword = rows.Substring(bars[2] + 1, bars[3] - bars[2] - 1);
            string name = rows.Substring(bars[3] + 1, bars[4] - bars[3] - 1);
            bool retired = stop - bars[4] == 2 && rows[bars[4] + 1] == 'Y';
            return new DicomDictionaryEntry(new DicomTag(value), mask, vrs, vrText, vm, keyword, name, retired);
        }

        /// <summary>The text between two positions, one string per distinct text (VR and VM columns repeat across thousands of rows).</summary>
        private static string Shared(string rows, int from, int to, Dictionary<string, string> cache)
        {
            string text = rows.Substring(from, to - from);
            if (cache.TryGetValue(text, out string shared)) return shared;
            cache.Add(text, text);
            return text;
        }

        private static int HexDigit(char ch)
        {
            if (ch >= '0' && ch <= '9') return ch - '0';
            if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
            if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
            throw new InvalidOperationException("Corrupt generated dictionary row.");
        }
    }
}
