using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace HamletPS.Dicom.Dictionary
{
    /// <summary>
    /// The PS3.6 UID registry: constants (generated) plus lookup of names and types. The generated rows (ASCII bytes) are in ordinal
    /// order of the UID with an index of where each starts, so a lookup is a binary search and an entry is made from its row on
    /// first use; nothing is built when a process starts.
    /// </summary>
    public static partial class DicomUids
    {
        /// <summary>HamletPS's Implementation Class UID (a 2.25 UUID-derived UID, fixed for the product).</summary>
        public const string ImplementationClassUid = "2.25.222862192664908985829491055593094192150";

        private const string Table = "UID registry";
        private const int UidCell = 0, TypeCell = 2; // uid | name | type | info | retired | keyword
        private static readonly RowEntryCache<DicomUidInfo> Cache = new RowEntryCache<DicomUidInfo>(DicomUidRegistryData.RowStarts.Length, Parse);

        /// <summary>Every registry entry, in ordinal order of the UID.</summary>
        public static IReadOnlyCollection<DicomUidInfo> All => Cache.All;

        /// <summary>The registry entry for a UID (trailing NUL/space padding ignored); null when not in the registry.</summary>
        public static DicomUidInfo? Lookup(string uid)
        {
            if (string.IsNullOrEmpty(uid)) return null;
            int length = uid.Length;
            while (length > 0 && (uid[length - 1] == '\0' || uid[length - 1] == ' ')) length--;
            if (length == 0) return null;
            int row = AsciiRows.Find(DicomUidRegistryData.Rows, DicomUidRegistryData.RowStarts, null, UidCell, uid, length);
            return row < 0 ? null : Cache.Get(row);
        }

        /// <summary>The entries of one type ("Transfer Syntax"), in UID order; only their rows are read.</summary>
        internal static List<DicomUidInfo> OfType(string type)
        {
            var list = new List<DicomUidInfo>();
            ReadOnlySpan<byte> rows = DicomUidRegistryData.Rows;
            for (int row = 0; row < DicomUidRegistryData.RowStarts.Length; row++)
            {
                AsciiRows.Cell(rows, DicomUidRegistryData.RowStarts[row], TypeCell, out int from, out int to);
                if (AsciiRows.Compare(rows, from, to, type, type.Length) == 0) list.Add(Cache.Get(row));
            }
            return list;
        }

        /// <summary>The registry name of a UID ("CT Image Storage"), or null.</summary>
        public static string? GetName(string uid) => Lookup(uid)?.Name;

        /// <summary>
        /// True for a syntactically valid UID (PS3.5 9.1): 1..64 characters, digits and dots, no empty component, no leading
        /// zero in a multi-digit component. Safe to use as a file name.
        /// </summary>
        public static bool IsValidUid([NotNullWhen(true)] string? uid)
        {
            if (uid == null || uid.Length == 0 || uid.Length > 64) return false;
            int componentStart = 0;
            for (int i = 0; i <= uid.Length; i++)
            {
                if (i == uid.Length || uid[i] == '.')
                {
                    int len = i - componentStart;
                    if (len == 0) return false;
                    if (len > 1 && uid[componentStart] == '0') return false;
                    componentStart = i + 1;
                }
                else if (uid[i] < '0' || uid[i] > '9') return false;
            }
            return true;
        }

        /// <summary>One row: uid | name | type | info | retired (Y/N) | keyword.</summary>
        private static DicomUidInfo Parse(int row)
        {
            ReadOnlySpan<byte> rows = DicomUidRegistryData.Rows;
            int start = DicomUidRegistryData.RowStarts[row];
            int end = AsciiRows.RowEnd(rows, start, Table, row);
            var bars = new int[5];
            AsciiRows.Cells(rows, start, end, bars, Table, row);
            return new DicomUidInfo(AsciiRows.Text(rows, start, bars[0]), AsciiRows.Text(rows, bars[0] + 1, bars[1]),
                AsciiRows.Text(rows, bars[1] + 1, bars[2]), AsciiRows.Text(rows, bars[2] + 1, bars[3]),
                end - bars[3] > 1 && rows[bars[3] + 1] == 'Y', AsciiRows.Text(rows, bars[4] + 1, end));
        }
    }
}
