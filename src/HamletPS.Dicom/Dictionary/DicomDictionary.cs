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

        private static Tables Build()
        {
            var t = new Tables();
            string rows = DicomDictionaryData.Rows;
            int pos = 0;
            var cells = new string[6];
            while (pos < rows.Length)
            {
                int end = rows.IndexOf('\n', pos);
                if (end < 0) end = rows.Length;
                int len = end - pos;
                if (len > 0 && rows[end - 1] == '\r') len--;
                if (len > 0)
                {
                    string line = rows.Substring(pos, len);
                    Split(line, cells);
                    var entry = Parse(cells);
                    t.All.Add(entry);
                    if (entry.IsRepeating) t.Repeating.Add(entry);
                    else t.ByTag[entry.Tag.Value] = entry;
                    if (entry.Keyword.Length > 0) t.ByKeyword[entry.Keyword] = entry;
                }
                pos = end + 1;
            }
            return t;
        }

        private static void Split(string line, string[] cells)
        {
            int start = 0;
            for (int i = 0; i < cells.Length; i++)
            {
                int bar = i == cells.Length - 1 ? line.Length : line.IndexOf('|', start);
                if (bar < 0) throw new InvalidOperationException("Corrupt generated dictionary row.");
                cells[i] = line.Substring(start, bar - start);
                start = bar + 1;
            }
        }

        private static DicomDictionaryEntry Parse(string[] c)
        {
            string tagText = c[0];
            uint value = 0, mask = 0;
            for (int i = 0; i < 8; i++)
            {
                char ch = tagText[i];
                value <<= 4;
                mask <<= 4;
                if (ch == 'x' || ch == 'X') continue;
                value |= uint.Parse(ch.ToString(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                mask |= 0xF;
            }
            DicomVR[] vrs;
            if (c[1] == "NONE") vrs = Array.Empty<DicomVR>();
            else
            {
                var parts = c[1].Split(new[] { " or " }, StringSplitOptions.RemoveEmptyEntries);
                vrs = new DicomVR[parts.Length];
                for (int i = 0; i < parts.Length; i++) vrs[i] = DicomVR.Parse(parts[i]);
            }
            string pattern = "(" + tagText.Substring(0, 4) + "," + tagText.Substring(4, 4) + ")";
            return new DicomDictionaryEntry(new DicomTag(value), mask, pattern, vrs, c[1], c[2], c[3], c[4], c[5] == "Y");
        }
    }
}
