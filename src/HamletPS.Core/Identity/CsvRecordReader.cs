using System.Collections.Generic;
using System.IO;
using System.Text;

namespace HamletPS.Core.Identity
{
    /// <summary>One CSV record: its fields and the 1-based line on which it starts.</summary>
    internal sealed class CsvRecord
    {
        public CsvRecord(int line, List<string> fields, bool hadQuotes)
        {
            Line = line;
            Fields = fields;
            HadQuotes = hadQuotes;
        }

        public int Line { get; }
        public List<string> Fields { get; }
        public bool HadQuotes { get; }
    }

    /// <summary>
    /// RFC 4180 record reader: quoted fields may hold delimiters, line breaks and doubled quotes; CRLF, LF and CR end records.
    /// The delimiter is given (see <see cref="DetectDelimiter"/>).
    /// </summary>
    internal sealed class CsvRecordReader
    {
        private readonly TextReader _reader;
        private readonly char _delimiter;
        private int _line = 1;
        private int _peek = -2;

        public CsvRecordReader(TextReader reader, char delimiter)
        {
            _reader = reader;
            _delimiter = delimiter;
        }

        /// <summary>Picks ';', tab or ',' — whichever occurs most outside quotes in the header line (',' on a tie or none).</summary>
        public static char DetectDelimiter(string headerLine)
        {
            int commas = 0, semicolons = 0, tabs = 0;
            bool quoted = false;
            foreach (var c in headerLine)
            {
                if (c == '"') quoted = !quoted;
                else if (!quoted)
                {
                    if (c == ',') commas++;
                    else if (c == ';') semicolons++;
                    else if (c == '\t') tabs++;
                }
            }
            if (semicolons > commas && semicolons >= tabs) return ';';
            if (tabs > commas && tabs > semicolons) return '\t';
            return ',';
        }

        /// <summary>The next record, or null at end of input. Throws <see cref="InvalidDataException"/> (with the line) on an unterminated quote.</summary>
        public CsvRecord Next(out string malformedReason)
        {
            malformedReason = null;
            if (Peek() < 0) return null;
            int startLine = _line;
            var fields = new List<string>();
            var field = new StringBuilder();
            bool hadQuotes = false;
            while (true)
            {
                int c = Read();
                if (c < 0) { fields.Add(field.ToString()); return new CsvRecord(startLine, fields, hadQuotes); }
                if (c == '"' && IsBlank(field))
                {
                    hadQuotes = true;
                    field.Clear();
                    while (true)
                    {
                        int q = Read();
                        if (q < 0) { malformedReason = "a quoted field opened on line " + startLine + " is never closed"; fields.Add(field.ToString()); return new CsvRecord(startLine, fields, true); }
                        if (q == '"')
                        {
                            if (Peek() == '"') { Read(); field.Append('"'); continue; }
                            break;
                        }
                        field.Append((char)q);
                    }
                    // after the closing quote: spaces allowed until delimiter/end of record
                    while (Peek() == ' ' || Peek() == '\t' && _delimiter != '\t') Read();
                    int after = Peek();
                    if (after >= 0 && after != _delimiter && after != '\r' && after != '\n')
                        malformedReason = malformedReason ?? "text follows a closing quote";
                    continue;
                }
                if (c == _delimiter) { fields.Add(field.ToString()); field.Clear(); continue; }
                if (c == '\r' || c == '\n')
                {
                    if (c == '\r' && Peek() == '\n') Read();
                    fields.Add(field.ToString());
                    return new CsvRecord(startLine, fields, hadQuotes);
                }
                field.Append((char)c);
            }
        }

        private static bool IsBlank(StringBuilder sb)
        {
            for (int i = 0; i < sb.Length; i++) if (sb[i] != ' ' && sb[i] != '\t') return false;
            return true;
        }

        private int Peek()
        {
            if (_peek == -2) _peek = _reader.Read();
            return _peek;
        }

        private int Read()
        {
            int c = Peek();
            _peek = -2;
            if (c == '\n') _line++;
            else if (c == '\r' && Peek() != '\n') _line++;
            return c;
        }
    }
}
