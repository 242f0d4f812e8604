#nullable enable
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using HamletPS.Dicom;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Inspection
{
    /// <summary>Reads DICOM headers for inspection. Errors are <see cref="DicomFormatException"/> with the file and byte offset.</summary>
    public static class DicomFileInspector
    {
        /// <summary>Longest value text shown in an element row.</summary>
        public const int MaxValueText = 96;

        /// <summary>Reads the header (everything before Pixel Data) and summarises it.</summary>
        public static DicomFileSummary Summarize(string path)
        {
            var file = DicomFile.Open(path, DicomReadOptions.HeaderOnly);
            DicomDataset ds = file.Dataset;
            string? sopClass = file.SopClassUid;
            return new DicomFileSummary
            {
                PatientID = ds.GetString(DicomTags.PatientID),
                PatientName = ds.GetString(DicomTags.PatientName),
                StudyInstanceUID = ds.GetUid(DicomTags.StudyInstanceUID),
                SeriesInstanceUID = ds.GetUid(DicomTags.SeriesInstanceUID),
                SOPInstanceUID = file.SopInstanceUid,
                SOPClassUID = sopClass,
                SOPClassName = sopClass == null ? null : DicomUids.GetName(sopClass) ?? sopClass,
                Modality = ds.GetString(DicomTags.Modality),
                StudyDate = SafeDate(ds),
                AccessionNumber = ds.GetString(DicomTags.AccessionNumber),
                SeriesNumber = ds.TryGetInt(DicomTags.SeriesNumber, out int series) ? series : (int?)null,
                TransferSyntax = file.TransferSyntax?.Name,
                TransferSyntaxUID = file.TransferSyntax?.Uid,
                Path = file.SourceName ?? System.IO.Path.GetFullPath(path),
                Length = file.SourceLength ?? new FileInfo(path).Length,
            };
        }

        /// <summary>Every element of the file (file meta group first), depth-first, like dcmdump.</summary>
        public static IEnumerable<DicomElementRow> ListElements(string path)
        {
            var file = DicomFile.Open(path, DicomReadOptions.Default);
            string fullPath = System.IO.Path.GetFullPath(path);
            var rows = new List<DicomElementRow>();
            Collect(file.FileMetaInformation, fullPath, 0, string.Empty, rows);
            Collect(file.Dataset, fullPath, 0, string.Empty, rows);
            return rows;
        }

        private static void Collect(DicomDataset dataset, string path, int depth, string prefix, List<DicomElementRow> rows)
        {
            foreach (DicomElement element in dataset)
            {
                string location = prefix + element.Tag;
                var row = new DicomElementRow
                {
                    Path = path,
                    Depth = depth,
                    Location = location,
                    Tag = element.Tag.ToString(),
                    VR = element.VR.Code,
                    Keyword = element.Keyword ?? string.Empty,
                    Length = element.Length,
                };
                if (element is DicomSequence sequence)
                {
                    row.Items = sequence.Items.Count;
                    rows.Add(row);
                    for (int i = 0; i < sequence.Items.Count; i++)
                    {
                        Collect(sequence.Items[i], path, depth + 1, location + "[" + i.ToString(CultureInfo.InvariantCulture) + "].", rows);
                    }
                    continue;
                }
                if (element is DicomFragmentSequence fragments)
                {
                    row.Items = fragments.Fragments.Count;
                    row.Value = "(encapsulated, " + fragments.Fragments.Count.ToString(CultureInfo.InvariantCulture) + " fragments)";
                }
                else
                {
                    row.Value = ValueText(element, dataset);
                }
                rows.Add(row);
            }
        }

        private static string ValueText(DicomElement element, DicomDataset owner)
        {
            bool textual = element.VR.IsString;
            if (!textual && element.Length > MaxValueText) return "(" + element.Length.ToString(CultureInfo.InvariantCulture) + " bytes)";
            if (element.IsReference) return "(" + element.Length.ToString(CultureInfo.InvariantCulture) + " bytes, not loaded)";
            string text = element.GetValueText(owner.TextEncoding);
            return text.Length <= MaxValueText ? text : text.Substring(0, MaxValueText) + "…";
        }

        private static System.DateTime? SafeDate(DicomDataset ds)
        {
            try
            {
                return ds.GetDate(DicomTags.StudyDate);
            }
            catch (System.FormatException)
            {
                return null; // a malformed date is shown as missing, not as a failure of the whole header
            }
        }
    }
}
