using System;
using System.Collections.Generic;
using HamletPS.Dicom.Data;

namespace HamletPS.Dicom.Dictionary
{
    /// <summary>
    /// The PS3.6 data dictionary. The generated tables (Generated/DicomDictionary.g.cs) are the rows as ASCII bytes plus sorted
    /// index arrays, all in the assembly's data, so nothing is built when a process starts: a lookup is a binary search, and an
    /// entry is made from its row the first time it is asked for (a process touches a few hundred of the 5,000 entries; making
    /// them all, from one string of the whole table, cost every process tens of milliseconds of start-up).
    /// </summary>
    public static class DicomDictionary
    {
        private const string Table = "dictionary";
        private const int KeywordCell = 3; // tag | VR | VM | keyword | name | retired
        private static readonly RowEntryCache<DicomDictionaryEntry> Cache =
            new RowEntryCache<DicomDictionaryEntry>(DicomDictionaryData.RowStarts.Length, Parse);

        /// <summary>Every entry in tag order.</summary>
        public static IReadOnlyList<DicomDictionaryEntry> Entries => Cache.All;

        /// <summary>The entry for a tag, including repeating-group entries; null for private and unknown tags.</summary>
        public static DicomDictionaryEntry? Lookup(DicomTag tag)
        {
            uint value = tag.Value;
            uint[] tags = DicomDictionaryData.OrdinaryTags;
            int lo = 0, hi = tags.Length - 1;
            while (lo <= hi)
            {
                int mid = (int)((uint)(lo + hi) >> 1);
                uint at = tags[mid];
                if (at == value) return Cache.Get(DicomDictionaryData.OrdinaryRows[mid]);
                if (at < value) lo = mid + 1;
                else hi = mid - 1;
            }
            if (tag.IsPrivate) return null;
            foreach (ushort row in DicomDictionaryData.RepeatingRows)
            {
                var entry = Cache.Get(row);
                if (entry.Matches(tag)) return entry;
            }
            return null;
        }

        /// <summary>The entry for a keyword ("PatientName"), case-sensitive; null when unknown.</summary>
        public static DicomDictionaryEntry? LookupKeyword(string keyword)
        {
            if (string.IsNullOrEmpty(keyword)) return null;
            int row = AsciiRows.Find(DicomDictionaryData.Rows, DicomDictionaryData.RowStarts, DicomDictionaryData.KeywordRows, KeywordCell,
                keyword, keyword.Length);
            return row < 0 ? null : Cache.Get(row);
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

        /// <summary>One row: tag (x = repeating nibble) | VR(s) | VM | keyword | name | retired (Y/N).</summary>
        private static DicomDictionaryEntry Parse(int row)
        {
            ReadOnlySpan<byte> rows = DicomDictionaryData.Rows;
            int start = DicomDictionaryData.RowStarts[row];
            int end = AsciiRows.RowEnd(rows, start, Table, row);
            var bars = new int[5];
            AsciiRows.Cells(rows, start, end, bars, Table, row);
            if (bars[0] - start != 8) throw Corrupt(row);
            uint value = 0, mask = 0;
            for (int i = 0; i < 8; i++)
            {
                byte ch = rows[start + i];
                value <<= 4;
                mask <<= 4;
                if (ch == 'x' || ch == 'X') continue;
                value |= (uint)HexDigit(ch, row);
                mask |= 0xF;
            }
            string vrText = AsciiRows.Text(rows, bars[0] + 1, bars[1]);
            DicomVR[] vrs = ParseVRs(vrText, row);
            string vm = AsciiRows.Text(rows, bars[1] + 1, bars[2]);
            string keyword = AsciiRows.Text(rows, bars[2] + 1, bars[3]);
            string name = AsciiRows.Text(rows, bars[3] + 1, bars[4]);
            bool retired = end - bars[4] == 2 && rows[bars[4] + 1] == 'Y';
            return new DicomDictionaryEntry(new DicomTag(value), mask, vrs, vrText, vm, keyword, name, retired);
        }

        /// <summary>The VR cell: "NONE", one code ("PN") or codes joined by " or " ("US or SS", "US or OW or SS").</summary>
        private static DicomVR[] ParseVRs(string text, int row)
        {
            if (text == "NONE") return Array.Empty<DicomVR>();
            if ((text.Length + 4) % 6 != 0) throw Corrupt(row);
            var vrs = new DicomVR[(text.Length + 4) / 6];
            for (int i = 0; i < vrs.Length; i++)
            {
                int at = 6 * i;
                if (i > 0 && string.CompareOrdinal(text, at - 4, " or ", 0, 4) != 0) throw Corrupt(row);
                if (!DicomVR.TryGet((byte)text[at], (byte)text[at + 1], out DicomVR? vr)) throw Corrupt(row);
                vrs[i] = vr;
            }
            return vrs;
        }

        private static int HexDigit(byte ch, int row)
        {
            if (ch >= '0' && ch <= '9') return ch - '0';
            if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
            if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
            throw Corrupt(row);
        }

        private static InvalidOperationException Corrupt(int row) =>
            new InvalidOperationException("Corrupt generated dictionary: row " + row + " cannot be read.");
    }
}
