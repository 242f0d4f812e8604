using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// A minimal streaming Office Open XML (ECMA-376) spreadsheet writer: worksheets written one after the other straight into
    /// the zip, rows as they come, strings inline (no shared-string table held in memory), numbers as numbers. The workbook
    /// lists the sheets in the order asked for, which need not be the order written (a summary computed while the detail
    /// sheets stream can still come first). Our own rather than DocumentFormat.OpenXml or MiniExcel: a few hundred lines of
    /// XML we control, no reflection (the native hamlet is trimmed), no extra assemblies in the module.
    /// </summary>
    public sealed class XlsxWriter : IDisposable
    {
        private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

        private readonly ZipArchive _zip;
        private readonly List<(string Name, int Number)> _sheets = new List<(string, int)>();
        private readonly HashSet<string> _names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private XmlWriter _sheet;
        private Stream _sheetStream;
        private int _row;
        private bool _finished;

        public XlsxWriter(Stream output)
        {
            if (output == null) throw new ArgumentNullException(nameof(output));
            _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        }

        /// <summary>
        /// Starts a worksheet (ending the one before). The name is made valid (at most 31 characters, none of []:*?/\) and
        /// unique; the name used is returned.
        /// </summary>
        public string StartSheet(string name)
        {
            EndSheet();
            string valid = UniqueName(name);
            int number = _sheets.Count + 1;
            _sheets.Add((valid, number));
            _sheetStream = _zip.CreateEntry("xl/worksheets/sheet" + number.ToString(CultureInfo.InvariantCulture) + ".xml", CompressionLevel.Fastest).Open();
            _sheet = XmlWriter.Create(_sheetStream, Settings());
            _sheet.WriteStartDocument(true);
            _sheet.WriteStartElement("worksheet", MainNs);
            _sheet.WriteStartElement("sheetData", MainNs);
            _row = 0;
            return valid;
        }

        /// <summary>Writes one row: strings as text, numeric types as numbers, DateTime as ISO 8601 text, bool as TRUE/FALSE, null as an empty cell.</summary>
        public void WriteRow(params object[] cells)
        {
            if (_sheet == null) throw new InvalidOperationException("Start a sheet first.");
            _row++;
            string row = _row.ToString(CultureInfo.InvariantCulture);
            _sheet.WriteStartElement("row", MainNs);
            _sheet.WriteAttributeString("r", row);
            for (int i = 0; i < cells.Length; i++)
            {
                object value = cells[i];
                if (value == null) continue;
                _sheet.WriteStartElement("c", MainNs);
                _sheet.WriteAttributeString("r", Column(i) + row);
                switch (value)
                {
                    case double d when !double.IsNaN(d) && !double.IsInfinity(d):
                        _sheet.WriteElementString("v", MainNs, d.ToString("R", CultureInfo.InvariantCulture));
                        break;
                    case int n:
                        _sheet.WriteElementString("v", MainNs, n.ToString(CultureInfo.InvariantCulture));
                        break;
                    case long l:
                        _sheet.WriteElementString("v", MainNs, l.ToString(CultureInfo.InvariantCulture));
                        break;
                    case bool b:
                        _sheet.WriteAttributeString("t", "b");
                        _sheet.WriteElementString("v", MainNs, b ? "1" : "0");
                        break;
                    default:
                        string text = value is DateTime t ? t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture);
                        _sheet.WriteAttributeString("t", "inlineStr");
                        _sheet.WriteStartElement("is", MainNs);
                        _sheet.WriteStartElement("t", MainNs);
                        _sheet.WriteAttributeString("xml", "space", null, "preserve");
                        _sheet.WriteString(XmlSafe(text));
                        _sheet.WriteEndElement();
                        _sheet.WriteEndElement();
                        break;
                }
                _sheet.WriteEndElement();
            }
            _sheet.WriteEndElement();
        }

        /// <summary>Writes the workbook parts, listing the sheets in <paramref name="order"/> (names as returned by StartSheet; the others after them).</summary>
        public void Finish(IEnumerable<string> order = null)
        {
            if (_finished) return;
            EndSheet();
            if (_sheets.Count == 0) StartSheet("Sheet1");
            EndSheet();
            var listed = new List<(string Name, int Number)>();
            if (order != null)
                foreach (string name in order)
                {
                    int i = _sheets.FindIndex(s => string.Equals(s.Name, name, StringComparison.Ordinal));
                    if (i >= 0 && !listed.Contains(_sheets[i])) listed.Add(_sheets[i]);
                }
            foreach (var s in _sheets) if (!listed.Contains(s)) listed.Add(s);

            Part("[Content_Types].xml", w =>
            {
                const string ns = "http://schemas.openxmlformats.org/package/2006/content-types";
                w.WriteStartElement("Types", ns);
                Default(w, ns, "rels", "application/vnd.openxmlformats-package.relationships+xml");
                Default(w, ns, "xml", "application/xml");
                Override(w, ns, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
                foreach (var s in _sheets)
                    Override(w, ns, "/xl/worksheets/sheet" + s.Number.ToString(CultureInfo.InvariantCulture) + ".xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
                w.WriteEndElement();
            });
            Part("_rels/.rels", w =>
            {
                const string ns = "http://schemas.openxmlformats.org/package/2006/relationships";
                w.WriteStartElement("Relationships", ns);
                Relationship(w, ns, "rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml");
                w.WriteEndElement();
            });
            Part("xl/workbook.xml", w =>
            {
                w.WriteStartElement("workbook", MainNs);
                w.WriteAttributeString("xmlns", "r", null, RelNs);
                w.WriteStartElement("sheets", MainNs);
                foreach (var s in listed)
                {
                    w.WriteStartElement("sheet", MainNs);
                    w.WriteAttributeString("name", s.Name);
                    w.WriteAttributeString("sheetId", s.Number.ToString(CultureInfo.InvariantCulture));
                    w.WriteAttributeString("id", RelNs, "rId" + s.Number.ToString(CultureInfo.InvariantCulture));
                    w.WriteEndElement();
                }
                w.WriteEndElement();
                w.WriteEndElement();
            });
            Part("xl/_rels/workbook.xml.rels", w =>
            {
                const string ns = "http://schemas.openxmlformats.org/package/2006/relationships";
                w.WriteStartElement("Relationships", ns);
                foreach (var s in _sheets)
                    Relationship(w, ns, "rId" + s.Number.ToString(CultureInfo.InvariantCulture),
                        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
                        "worksheets/sheet" + s.Number.ToString(CultureInfo.InvariantCulture) + ".xml");
                w.WriteEndElement();
            });
            _finished = true;
        }

        public void Dispose()
        {
            EndSheet();
            _zip.Dispose();
        }

        private void EndSheet()
        {
            if (_sheet == null) return;
            _sheet.WriteEndElement();
            _sheet.WriteEndElement();
            _sheet.WriteEndDocument();
            _sheet.Dispose();
            _sheetStream.Dispose();
            _sheet = null;
            _sheetStream = null;
        }

        private void Part(string name, Action<XmlWriter> write)
        {
            using (Stream stream = _zip.CreateEntry(name, CompressionLevel.Fastest).Open())
            using (XmlWriter w = XmlWriter.Create(stream, Settings()))
            {
                w.WriteStartDocument(true);
                write(w);
                w.WriteEndDocument();
            }
        }

        private static XmlWriterSettings Settings() => new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = false };

        private static void Default(XmlWriter w, string ns, string extension, string type)
        {
            w.WriteStartElement("Default", ns);
            w.WriteAttributeString("Extension", extension);
            w.WriteAttributeString("ContentType", type);
            w.WriteEndElement();
        }

        private static void Override(XmlWriter w, string ns, string part, string type)
        {
            w.WriteStartElement("Override", ns);
            w.WriteAttributeString("PartName", part);
            w.WriteAttributeString("ContentType", type);
            w.WriteEndElement();
        }

        private static void Relationship(XmlWriter w, string ns, string id, string type, string target)
        {
            w.WriteStartElement("Relationship", ns);
            w.WriteAttributeString("Id", id);
            w.WriteAttributeString("Type", type);
            w.WriteAttributeString("Target", target);
            w.WriteEndElement();
        }

        /// <summary>Column letters of a 0-based index: A … Z, AA …</summary>
        internal static string Column(int index)
        {
            var sb = new StringBuilder();
            for (int n = index + 1; n > 0; n = (n - 1) / 26) sb.Insert(0, (char)('A' + (n - 1) % 26));
            return sb.ToString();
        }

        /// <summary>Text XML 1.0 can hold: characters it forbids (most C0 controls, lone surrogates) become U+FFFD.</summary>
        private static string XmlSafe(string text)
        {
            StringBuilder sb = null;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    sb?.Append(c).Append(text[i + 1]);
                    i++;
                    continue;
                }
                if (ok) { sb?.Append(c); continue; }
                if (sb == null) sb = new StringBuilder(text, 0, i, text.Length);
                sb.Append('\uFFFD');
            }
            return sb?.ToString() ?? text;
        }

        private string UniqueName(string name)
        {
            var sb = new StringBuilder();
            foreach (char c in name ?? "")
                sb.Append("[]:*?/\\".IndexOf(c) >= 0 || char.IsControl(c) ? '_' : c);
            string baseName = sb.ToString().Trim().Trim('\'');
            if (baseName.Length == 0) baseName = "Sheet";
            if (baseName.Length > 31) baseName = baseName.Substring(0, 31);
            string candidate = baseName;
            for (int n = 2; !_names.Add(candidate); n++)
            {
                string suffix = " (" + n.ToString(CultureInfo.InvariantCulture) + ")";
                candidate = (baseName.Length + suffix.Length > 31 ? baseName.Substring(0, 31 - suffix.Length) : baseName) + suffix;
            }
            return candidate;
        }
    }
}
