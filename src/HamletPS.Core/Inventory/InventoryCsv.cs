#nullable enable
using System;
using System.Globalization;
using System.IO;

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

        private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
    }
}
