#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Inventory
{
    /// <summary>
    /// The inventory as CSV (`hamlet inventory --csv FILE`): a header and one line per <see cref="InventoryStudy"/>, the columns
    /// Export-Csv gives the cmdlet's output (in the same order), RFC 4180 through <see cref="CsvCell"/>. SITE-ONLY: it holds MRNs.
    /// </summary>
    public static class InventoryCsv
    {
        public static readonly string[] Columns =
        {
            nameof(InventoryStudy.PatientID), nameof(InventoryStudy.AccessionNumber), nameof(InventoryStudy.StudyId), nameof(InventoryStudy.StudyInstanceUID),
            nameof(InventoryStudy.StudyDate), nameof(InventoryStudy.StudyDescription), nameof(InventoryStudy.Modalities), nameof(InventoryStudy.Status),
            nameof(InventoryStudy.Series), nameof(InventoryStudy.Instances), nameof(InventoryStudy.SentInstances), nameof(InventoryStudy.NotSentInstances),
            nameof(InventoryStudy.SentSeries), nameof(InventoryStudy.ChangedSeries), nameof(InventoryStudy.NotSentSeries), nameof(InventoryStudy.LastSentUtc),
        };

        public static void WriteHeader(TextWriter writer)
        {
            if (writer == null) throw new ArgumentNullException(nameof(writer));
            writer.Write(CsvCell.Line(Columns) + "\r\n");
        }

        public static void WriteRow(TextWriter writer, InventoryStudy s)
        {
            if (writer == null) throw new ArgumentNullException(nameof(writer));
            if (s == null) throw new ArgumentNullException(nameof(s));
            writer.Write(CsvCell.Line(
                s.PatientID ?? "", s.AccessionNumber ?? "", s.StudyId ?? "", s.StudyInstanceUID ?? "", s.StudyDate ?? "", s.StudyDescription ?? "", s.Modalities ?? "", s.Status,
                N(s.Series), N(s.Instances), N(s.SentInstances), N(s.NotSentInstances), N(s.SentSeries), N(s.ChangedSeries), N(s.NotSentSeries),
                s.LastSentUtc?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "") + "\r\n");
        }

        /// <summary>Writes the whole file (UTF-8 with a byte-order mark, as Excel expects) to a temporary name beside
        /// <paramref name="path"/> and renames it into place: a reader never sees half a file.</summary>
        public static void WriteFile(string path, IEnumerable<InventoryStudy> rows)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (rows == null) throw new ArgumentNullException(nameof(rows));
            string temp = TemporaryFileName.Beside(path);
            try
            {
                using (var writer = new StreamWriter(temp, false, new UTF8Encoding(true)))
                {
                    WriteHeader(writer);
                    foreach (InventoryStudy row in rows) WriteRow(writer, row);
                }
                FileRename.ReplaceOrMove(temp, path);
            }
            catch
            {
                try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                throw;
            }
        }

        private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
    }
}
