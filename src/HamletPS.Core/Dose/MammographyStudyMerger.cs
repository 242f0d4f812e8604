using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// Makes the mammography images of a study, read from their headers one by one (<see cref="MammographyHeaderReader"/>),
    /// one study report as an RDSR would be: the header of the first image, one event per image (an image given twice counts
    /// once), the accumulated average glandular dose their sum. The images of a study may come in any order among other
    /// files, so they are held (a few numbers per image) until <see cref="Complete"/>. The report's
    /// <see cref="DoseReport.SOPInstanceUID"/>, the dose history's key, is a UID derived from the Study Instance UID by
    /// SHA-256 ("2.25." and 128 bits): the same study gives the same key at every import, and the history never holds the
    /// Study Instance UID itself.
    /// </summary>
    public sealed class MammographyStudyMerger
    {
        private readonly Dictionary<string, List<DoseReport>> _studies = new Dictionary<string, List<DoseReport>>(StringComparer.Ordinal);
        private readonly List<string> _order = new List<string>();

        /// <summary>Holds <paramref name="report"/> when it was read from an image header (true); any other report is the caller's to pass on (false).</summary>
        public bool TryAdd(DoseReport report)
        {
            if (report == null) throw new ArgumentNullException(nameof(report));
            if (!report.FromImageHeaders) return false;
            string key = report.StudyInstanceUID ?? ("image:" + report.SOPInstanceUID + ":" + report.Path);
            if (!_studies.TryGetValue(key, out List<DoseReport> images))
            {
                _studies[key] = images = new List<DoseReport>();
                _order.Add(key);
            }
            images.Add(report);
            return true;
        }

        /// <summary>The studies held, one report each, in the order their first image came; the merger is empty afterwards.</summary>
        public IEnumerable<DoseReport> Complete()
        {
            var studies = _order.Select(k => _studies[k]).ToList();
            _studies.Clear();
            _order.Clear();
            foreach (List<DoseReport> images in studies) yield return Merge(images);
        }

        /// <summary>Merges everything: reports not from image headers pass straight on, the image studies follow at the end.</summary>
        public static IEnumerable<DoseReport> Merge(IEnumerable<DoseReport> reports)
        {
            if (reports == null) throw new ArgumentNullException(nameof(reports));
            var merger = new MammographyStudyMerger();
            foreach (DoseReport report in reports)
                if (!merger.TryAdd(report)) yield return report;
            foreach (DoseReport study in merger.Complete()) yield return study;
        }

        /// <summary>The dose history key of a study read from image headers: "2.25." and the first 128 bits of SHA-256 over the Study Instance UID.</summary>
        public static string StudyKey(string studyInstanceUid)
        {
            if (studyInstanceUid == null) throw new ArgumentNullException(nameof(studyInstanceUid));
            byte[] hash;
            using (SHA256 sha = SHA256.Create()) hash = sha.ComputeHash(Encoding.ASCII.GetBytes("HamletPS mammography image-header study " + studyInstanceUid));
            var bytes = new byte[17]; // little-endian, a zero top byte keeps it positive
            for (int i = 0; i < 16; i++) bytes[i] = hash[15 - i];
            return "2.25." + new BigInteger(bytes).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        private static DoseReport Merge(List<DoseReport> images)
        {
            var distinct = new List<DoseReport>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (DoseReport image in images)
                if (image.SOPInstanceUID == null || seen.Add(image.SOPInstanceUID)) distinct.Add(image);
            DoseReport first = distinct[0];
            ProjectionIrradiationEvent[] events = distinct.SelectMany(i => i.ProjectionEvents)
                .OrderBy(e => e.StartedAt ?? DateTime.MaxValue).ThenBy(e => e.IrradiationEventUID, StringComparer.Ordinal).ToArray();
            double? agd = null;
            foreach (ProjectionIrradiationEvent e in events)
                if (e.AverageGlandularDose.HasValue) agd = (agd ?? 0) + e.AverageGlandularDose.Value;
            var warnings = new List<string>();
            foreach (DoseReport image in distinct)
                foreach (string w in image.Warnings) warnings.Add(System.IO.Path.GetFileName(image.Path) + ": " + w);
            if (distinct.Count < images.Count) warnings.Add((images.Count - distinct.Count) + " image(s) given more than once counted once");
            // The study is the first image's report (header, kind, procedure) with the study's key, events, AGD and warnings.
            DoseReport study = first.ShallowCopy();
            study.SOPInstanceUID = first.StudyInstanceUID != null ? StudyKey(first.StudyInstanceUID) : first.SOPInstanceUID;
            study.TotalEvents = events.Length;
            study.AccumulatedAverageGlandularDose = agd;
            study.ProjectionEvents = events;
            study.Warnings = warnings.ToArray();
            return study;
        }
    }
}
