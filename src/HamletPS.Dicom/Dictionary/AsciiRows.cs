using System;

namespace HamletPS.Dicom.Dictionary
{
    /// <summary>
    /// Reading the generated tables' rows: ASCII text kept as bytes in the assembly (UTF-8 literals), one row per line, cells
    /// separated by '|'. A row is found through a generated index of where each row starts.
    /// </summary>
    internal static class AsciiRows
    {
        /// <summary>Position of the next <paramref name="value"/> at or after <paramref name="from"/>; -1 when there is none.</summary>
        public static int IndexOf(ReadOnlySpan<byte> rows, byte value, int from)
        {
            int at = rows.Slice(from).IndexOf(value);
            return at < 0 ? -1 : from + at;
        }

        /// <summary>The end of the row that starts at <paramref name="start"/> (its line feed, or the end of the text).</summary>
        public static int RowEnd(ReadOnlySpan<byte> rows, int start, string table, int row)
        {
            if (start <= 0 || start > rows.Length || rows[start - 1] != (byte)'\n')
                throw new InvalidOperationException("Corrupt generated " + table + ": row " + row + " is not where its index says.");
            int end = IndexOf(rows, (byte)'\n', start);
            return end < 0 ? rows.Length : end;
        }

        /// <summary>The text of rows[from..to).</summary>
        public static string Text(ReadOnlySpan<byte> rows, int from, int to)
        {
            if (to <= from) return string.Empty;
            var chars = new char[to - from];
            for (int i = 0; i < chars.Length; i++) chars[i] = (char)rows[from + i];
            return new string(chars);
        }

        /// <summary>Ordinal comparison of rows[from..to) with a string (negative: the row's text sorts first).</summary>
        public static int Compare(ReadOnlySpan<byte> rows, int from, int to, string text, int textLength)
        {
            int length = to - from, common = Math.Min(length, textLength);
            for (int i = 0; i < common; i++)
            {
                int c = rows[from + i] - text[i];
                if (c != 0) return c;
            }
            return length - textLength;
        }

        /// <summary>
        /// Where cell number <paramref name="index"/> (0 = the first) of the row that starts at <paramref name="start"/> lies:
        /// rows[from..to), to being the next '|', line feed or end of the text.
        /// </summary>
        public static void Cell(ReadOnlySpan<byte> rows, int start, int index, out int from, out int to)
        {
            from = start;
            for (int i = 0; ; i++)
            {
                int length = rows.Slice(from).IndexOfAny((byte)'|', (byte)'\n');
                to = length < 0 ? rows.Length : from + length;
                if (i == index) return;
                if (to == rows.Length || rows[to] == (byte)'\n')
                    throw new InvalidOperationException("Corrupt generated table: the row at " + start + " has no cell " + index + ".");
                from = to + 1;
            }
        }

        /// <summary>
        /// Binary search for the row whose cell number <paramref name="cell"/> equals key[0..keyLength), among rows that are in
        /// ordinal order of that cell: the rows themselves (<paramref name="order"/> null) or the rows listed in
        /// <paramref name="order"/>. Returns the row, or -1.
        /// </summary>
        public static int Find(ReadOnlySpan<byte> rows, int[] rowStarts, ushort[]? order, int cell, string key, int keyLength)
        {
            int lo = 0, hi = (order?.Length ?? rowStarts.Length) - 1;
            while (lo <= hi)
            {
                int mid = (int)((uint)(lo + hi) >> 1);
                int row = order == null ? mid : order[mid];
                Cell(rows, rowStarts[row], cell, out int from, out int to);
                int c = Compare(rows, from, to, key, keyLength);
                if (c == 0) return row;
                if (c < 0) lo = mid + 1;
                else hi = mid - 1;
            }
            return -1;
        }

        /// <summary>Splits one row into its cells (the positions of its separators in <paramref name="bars"/>).</summary>
        public static void Cells(ReadOnlySpan<byte> rows, int start, int end, int[] bars, string table, int row)
        {
            int from = start;
            for (int i = 0; i < bars.Length; i++)
            {
                int bar = rows.Slice(from, end - from).IndexOf((byte)'|');
                if (bar < 0) throw new InvalidOperationException("Corrupt generated " + table + ": row " + row + " has too few cells.");
                bars[i] = from + bar;
                from = bars[i] + 1;
            }
        }
    }
}
