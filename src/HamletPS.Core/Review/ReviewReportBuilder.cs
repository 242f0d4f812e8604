using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Deidentification.Pixels;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Review
{
    /// <summary>
    /// Builds the review page of protected folders and archives (<see cref="ReviewInputs"/>: archive entries are read in place,
    /// never extracted): reads every instance's header (never its pixels), groups patients, studies and series, then renders
    /// a thumbnail strip per series from at most <see cref="FramesPerStrip"/> frames (each read downsampled), outlines the
    /// regions protect masked (<see cref="MaskOutline"/>), and writes one self-contained HTML file through
    /// <see cref="ReviewHtmlWriter"/>. Built from the protected data and the profile only; file paths and entry names are
    /// never shown (a sender's folder or file name may carry an identifier).
    /// </summary>
    public static class ReviewReportBuilder
    {
        /// <summary>The page both faces write when no output path is given (in the current folder).</summary>
        public const string DefaultFileName = "hamlet-review.html";

        /// <summary>Most frames drawn per series.</summary>
        public const int FramesPerStrip = 5;

        private const int Gap = 2;

        /// <summary>Writes the page of one protected folder (no profile: no masked region is outlined).</summary>
        /// <param name="quarantineFolder">Protect's or the sorter's quarantine folder, or null.</param>
        public static ReviewReportResult Build(string protectedFolder, string outputPath, string quarantineFolder, CancellationToken cancellation = default)
        {
            if (protectedFolder == null) throw new ArgumentNullException(nameof(protectedFolder));
            return Build(new ReviewOptions { Inputs = new[] { protectedFolder }, OutputPath = outputPath, QuarantinePath = quarantineFolder }, cancellation);
        }

        /// <summary>
        /// Writes the page of the inputs (protected folders, archives, folders of archives) to the output path (a temporary
        /// name, then renamed) and returns what it covers.
        /// </summary>
        public static ReviewReportResult Build(ReviewOptions options, CancellationToken cancellation = default)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (options.OutputPath == null) throw new ArgumentException("An output path is required.", nameof(options));
            if (options.Inputs == null || options.Inputs.Count == 0) throw new ArgumentException("A protected folder or archive is required.", nameof(options));
            var inputs = options.Inputs.Select(i => System.IO.Path.GetFullPath(i)).ToList();
            ReviewInputs.CheckExist(inputs);
            (string RunId, List<KeyValuePair<string, int>> HeldBack) journal = options.JournalPath == null ? (null, null) : ReviewJournal.Read(options.JournalPath);
            string output = System.IO.Path.GetFullPath(options.OutputPath);

            var patients = new SortedDictionary<string, ReviewPatient>(StringComparer.Ordinal);
            int unreadable = 0, instances = 0;
            using (var sources = new ReviewInputs())
            {
                foreach (ReviewSource source in sources.Enumerate(inputs, output))
                {
                    cancellation.ThrowIfCancellationRequested();
                    DicomFile dicom;
                    try
                    {
                        dicom = ReadHeader(source);
                    }
                    catch (Exception ex) when (ex is Dicom.DicomFormatException || ex is IOException || ex is UnauthorizedAccessException || ex is InvalidDataException)
                    {
                        unreadable++;
                        continue;
                    }
                    Add(patients, dicom, source, options.Profile);
                    instances++;
                }

                int series = 0, studies = 0, thumbnails = 0, masked = 0;
                foreach (ReviewPatient patient in patients.Values)
                    foreach (ReviewStudy study in patient.Studies.Values)
                    {
                        studies++;
                        foreach (ReviewSeries s in study.Series.Values)
                        {
                            cancellation.ThrowIfCancellationRequested();
                            series++;
                            s.Thumbnail = Strip(s, out string problem);
                            s.ThumbnailProblem = problem;
                            if (s.Thumbnail != null) thumbnails++;
                            masked += s.Cleaned;
                        }
                    }

                List<string> quarantine = options.QuarantinePath == null ? null : QuarantineReasons(options.QuarantinePath);
                var result = new ReviewReportResult
                {
                    Path = output,
                    Patients = patients.Count,
                    Studies = studies,
                    Series = series,
                    Instances = instances,
                    Thumbnails = thumbnails,
                    Unreadable = unreadable,
                    Quarantined = quarantine?.Count ?? 0,
                    Archives = sources.Archives,
                    RefusedEntries = sources.RefusedEntries,
                    UnreadableArchives = sources.UnreadableArchives,
                    Masked = masked,
                    HeldBack = journal.HeldBack?.Sum(p => p.Value) ?? 0,
                };
                ReviewHtmlWriter.Write(output, patients.Values, quarantine, journal, result, options.Profile?.Name);
                return result;
            }
        }

        private static DicomFile ReadHeader(ReviewSource source)
        {
            if (source.FilePath != null) return DicomFile.Open(source.FilePath, DicomReadOptions.HeaderOnly);
            using (Stream stream = source.Open())
                return DicomFile.Read(stream, null, DicomReadOptions.HeaderOnly);
        }

        private static void Add(SortedDictionary<string, ReviewPatient> patients, DicomFile dicom, ReviewSource source, DeidentificationProfile profile)
        {
            DicomDataset ds = dicom.Dataset;
            string patientId = ds.GetString(DicomTags.PatientID) ?? string.Empty;
            if (!patients.TryGetValue(patientId, out ReviewPatient patient))
                patients[patientId] = patient = new ReviewPatient { PatientId = patientId, TrialSubjectId = ds.GetString(DicomTags.ClinicalTrialSubjectID) };
            string studyUid = ds.GetUid(DicomTags.StudyInstanceUID) ?? string.Empty;
            if (!patient.Studies.TryGetValue(studyUid, out ReviewStudy study))
                patient.Studies[studyUid] = study = new ReviewStudy
                {
                    StudyUid = studyUid,
                    StudyId = ds.GetString(DicomTags.StudyID),
                    StudyDate = DateText(ds, DicomTags.StudyDate),
                    Description = ds.GetString(DicomTags.StudyDescription),
                };
            string seriesUid = ds.GetUid(DicomTags.SeriesInstanceUID) ?? string.Empty;
            if (!study.Series.TryGetValue(seriesUid, out ReviewSeries series))
                study.Series[seriesUid] = series = new ReviewSeries { SeriesUid = seriesUid };
            // the series' values and kept header are those of its first instance by Instance Number, then SOP Instance UID,
            // so the page does not depend on the order files or archive entries are read in
            int number = ds.GetIntOrDefault(DicomTags.InstanceNumber, int.MaxValue);
            string sopUid = dicom.SopInstanceUid ?? string.Empty;
            if (series.HeaderSopInstanceUid == null || number < series.HeaderInstanceNumber ||
                number == series.HeaderInstanceNumber && string.CompareOrdinal(sopUid, series.HeaderSopInstanceUid) < 0)
            {
                string sopClass = dicom.SopClassUid;
                series.HeaderInstanceNumber = number;
                series.HeaderSopInstanceUid = sopUid;
                series.SeriesNumber = ds.GetString(DicomTags.SeriesNumber);
                series.Modality = ds.GetString(DicomTags.Modality);
                series.Description = ds.GetString(DicomTags.SeriesDescription);
                series.SopClass = sopClass == null ? null : DicomUids.GetName(sopClass) ?? sopClass;
                series.SeriesDate = DateText(ds, DicomTags.SeriesDate);
                series.BurnedInAnnotation = ds.GetString(DicomTags.BurnedInAnnotation);
                series.DeidentificationMethod = string.Join(" / ", ds.GetStrings(DicomTags.DeidentificationMethod) ?? Array.Empty<string>());
                series.Header = HeaderRows(dicom);
            }
            int rows = ds.GetIntOrDefault(DicomTags.Rows, 0);
            int frames = Math.Max(1, ds.GetIntOrDefault(DicomTags.NumberOfFrames, 1));
            double position = ds.TryGetDouble(DicomTags.ImagePositionPatient, 2, out double z) ? z : 0;
            bool cleaned = MaskOutline.IsCleaned(ds);
            PixelRule rule = MaskOutline.RuleFor(ds, profile);
            if (cleaned)
            {
                series.Cleaned++;
                if (rule != null) series.MaskRules.Add(rule);
            }
            series.Instances.Add(new ReviewInstance
            {
                Source = source,
                SopInstanceUid = sopUid,
                MaskRule = rule,
                InstanceNumber = ds.GetIntOrDefault(DicomTags.InstanceNumber, 0),
                Position = position,
                Frames = rows > 0 ? frames : 0,
                HasImage = rows > 0,
            });
            if (rows > 0) series.Frames += frames;
            foreach (DicomDataset roi in ds.GetItems(DicomTags.StructureSetROISequence))
            {
                string name = roi.GetString(DicomTags.ROIName);
                if (!string.IsNullOrEmpty(name)) series.RoiNames.Add(name);
            }
            foreach (DicomDataset beam in ds.GetItems(DicomTags.BeamSequence).Concat(ds.GetItems(DicomTags.IonBeamSequence)))
                series.BeamNames.Add((beam.GetString(DicomTags.BeamNumber) ?? "?") + ": " + (beam.GetString(DicomTags.BeamName) ?? "(no name)"));
            if (string.Equals(series.Modality, "RTDOSE", StringComparison.Ordinal) && rows > 0 && series.DoseGrid == null)
                series.DoseGrid = DoseGrid(ds, rows, frames);
        }

        private static string DoseGrid(DicomDataset ds, int rows, int frames)
        {
            int cols = ds.GetIntOrDefault(DicomTags.Columns, 0);
            string text = cols.ToString(CultureInfo.InvariantCulture) + " x " + rows.ToString(CultureInfo.InvariantCulture) + " x " + frames.ToString(CultureInfo.InvariantCulture) + " voxels";
            double[] spacing = ds.GetDoubles(DicomTags.PixelSpacing);
            double[] offsets = ds.GetDoubles(DicomTags.GridFrameOffsetVector);
            if (spacing != null && spacing.Length >= 2)
            {
                string slice = offsets != null && offsets.Length >= 2 ? Math.Abs(offsets[1] - offsets[0]).ToString("0.###", CultureInfo.InvariantCulture) : "?";
                text += ", spacing " + spacing[1].ToString("0.###", CultureInfo.InvariantCulture) + " x " + spacing[0].ToString("0.###", CultureInfo.InvariantCulture) + " x " + slice + " mm";
            }
            string units = ds.GetString(DicomTags.DoseUnits), type = ds.GetString(DicomTags.DoseSummationType);
            if (!string.IsNullOrEmpty(units)) text += ", " + units;
            if (!string.IsNullOrEmpty(type)) text += " (" + type + ")";
            return text;
        }

        private static string DateText(DicomDataset ds, DicomTag tag)
        {
            try
            {
                return ds.GetDate(tag)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                return "(malformed)";
            }
        }

        private static List<KeyValuePair<string, string>> HeaderRows(DicomFile dicom)
        {
            var rows = new List<KeyValuePair<string, string>>();
            foreach (DicomElement element in dicom.Dataset)
            {
                string name = element.Tag + " " + (element.Keyword ?? string.Empty);
                string value;
                if (element is DicomSequence sequence) value = "(" + sequence.Items.Count.ToString(CultureInfo.InvariantCulture) + " items)";
                else if (element is DicomFragmentSequence) value = "(encapsulated)";
                else if (!element.VR.IsString && element.Length > 96) value = "(" + element.Length.ToString(CultureInfo.InvariantCulture) + " bytes)";
                else if (element.IsReference) value = "(" + element.Length.ToString(CultureInfo.InvariantCulture) + " bytes, not loaded)";
                else
                {
                    value = element.GetValueText(dicom.Dataset.TextEncoding);
                    if (value.Length > 96) value = value.Substring(0, 96) + "…";
                }
                rows.Add(new KeyValuePair<string, string>(name, PrintableText.Escape(value)));
            }
            return rows;
        }

        /// <summary>The frames drawn for a series: evenly spaced over its instances (ordered by position, then number) or
        /// over the frames of a multi-frame instance; the middle slice of a dose grid.</summary>
        private static byte[] Strip(ReviewSeries series, out string problem)
        {
            problem = null;
            var images = series.Instances.Where(i => i.HasImage).OrderBy(i => i.Position).ThenBy(i => i.InstanceNumber).ThenBy(i => i.SopInstanceUid, StringComparer.Ordinal).ToList();
            if (images.Count == 0) { problem = "no image"; return null; }
            bool dose = string.Equals(series.Modality, "RTDOSE", StringComparison.Ordinal);
            var picks = new List<(ReviewInstance Instance, int Frame)>();
            if (dose) picks.Add((images[0], images[0].Frames / 2));
            else if (images.Count == 1)
            {
                int frames = images[0].Frames, n = Math.Min(FramesPerStrip, frames);
                for (int k = 0; k < n; k++) picks.Add((images[0], n == 1 ? 0 : (int)((long)k * (frames - 1) / (n - 1))));
            }
            else
            {
                int n = Math.Min(FramesPerStrip, images.Count);
                for (int k = 0; k < n; k++) picks.Add((images[n == 1 ? 0 : (int)((long)k * (images.Count - 1) / (n - 1))], 0));
            }
            var tiles = new List<ThumbnailTile>();
            foreach (var pick in picks)
            {
                try
                {
                    using (Stream stream = pick.Instance.Source.Open())
                    {
                        DicomFile file = DicomFile.Read(stream, null, DicomReadOptions.Default);
                        ThumbnailTile tile = FrameRenderer.Render(file, stream, pick.Frame, dose, out problem);
                        if (tile == null) continue;
                        if (pick.Instance.MaskRule != null) MaskOutline.Draw(tile, pick.Instance.MaskRule.Rectangles);
                        tiles.Add(tile);
                    }
                }
                catch (Exception ex) when (ex is Dicom.DicomFormatException || ex is IOException || ex is UnauthorizedAccessException || ex is InvalidDataException)
                {
                    problem = "pixel data unreadable";
                }
            }
            if (tiles.Count == 0) return null;
            problem = null;
            return Compose(tiles);
        }

        private static byte[] Compose(List<ThumbnailTile> tiles)
        {
            int cell = FrameRenderer.TileSize;
            int width = tiles.Count * cell + (tiles.Count - 1) * Gap, height = cell;
            var rgb = new byte[width * height * 3];
            for (int i = 0; i < rgb.Length; i++) rgb[i] = 40;
            for (int t = 0; t < tiles.Count; t++)
            {
                ThumbnailTile tile = tiles[t];
                int left = t * (cell + Gap) + (cell - tile.Width) / 2, top = (cell - tile.Height) / 2;
                for (int y = 0; y < tile.Height; y++)
                    Buffer.BlockCopy(tile.Rgb, y * tile.Width * 3, rgb, ((top + y) * width + left) * 3, tile.Width * 3);
            }
            return PngEncoder.EncodeRgb(width, height, rgb);
        }

        /// <summary>One line per quarantined file: its reason (the reason file names a reason, never a value); the file
        /// names themselves are not shown.</summary>
        private static List<string> QuarantineReasons(string folder)
        {
            var reasons = new List<string>();
            string full = System.IO.Path.GetFullPath(folder);
            if (!Directory.Exists(full)) return reasons;
            foreach (string file in FileSystem.FileTree.Files(full).OrderBy(f => f, StringComparer.Ordinal))
            {
                if (file.EndsWith(Sorting.QuarantineFolder.ReasonSuffix, StringComparison.Ordinal) || TemporaryFileName.IsTemporary(System.IO.Path.GetFileName(file))) continue;
                string reasonFile = file + Sorting.QuarantineFolder.ReasonSuffix;
                string reason = "(no reason file)";
                if (File.Exists(reasonFile))
                {
                    string line = File.ReadLines(reasonFile).FirstOrDefault(l => l.StartsWith("Reason:", StringComparison.Ordinal));
                    if (line != null) reason = PrintableText.Escape(line.Substring("Reason:".Length).Trim());
                }
                reasons.Add(reason);
            }
            return reasons;
        }
    }
}
