using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Review
{
    /// <summary>
    /// Writes the review page: one HTML file with its style inline, thumbnails as data: PNGs, no script, no link to
    /// anything outside it. Every value is HTML-escaped (header values come from the sender). Written to a temporary
    /// name beside the target, then renamed.
    /// </summary>
    internal static class ReviewHtmlWriter
    {
        private const string Style =
            "body{font:13px sans-serif;margin:16px;color:#111;background:#fafafa}h1{font-size:20px}h2{font-size:17px;border-bottom:1px solid #999}" +
            "h3{font-size:15px}table{border-collapse:collapse;margin:4px 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}" +
            ".series{margin:8px 0 16px 0;padding:6px;background:#fff;border:1px solid #ddd}.strip{display:block;margin:6px 0;image-rendering:pixelated}" +
            ".flag{color:#a00;font-weight:bold}.masked{color:#808}details{margin:4px 0}";

        public static void Write(string output, IEnumerable<ReviewPatient> patients, List<string> quarantine,
            (string RunId, List<KeyValuePair<string, int>> HeldBack) journal, ReviewReportResult totals, string profileName)
        {
            var html = new StringBuilder();
            html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">")
                .Append("<title>HamletPS review</title><style>").Append(Style).Append("</style></head><body>\n");
            html.Append("<h1>HamletPS review of protected data</h1>\n<p>Written ")
                .Append(E(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)))
                .Append(" from the protected files only. Dates are as protect shifted them.")
                .Append(profileName == null ? " No profile given: masked regions are counted, not outlined." : " Masked regions are outlined in magenta from the pixel rules of profile '" + E(profileName) + "'.")
                .Append("</p>\n");
            html.Append("<table><tr><th>Patients</th><th>Studies</th><th>Series</th><th>Instances</th><th>Thumbnail strips</th><th>Masked instances</th><th>Unreadable files</th><th>Archives</th><th>Refused archive entries</th><th>Quarantined</th></tr><tr>")
                .Append(Cell(totals.Patients)).Append(Cell(totals.Studies)).Append(Cell(totals.Series)).Append(Cell(totals.Instances))
                .Append(Cell(totals.Thumbnails)).Append(Cell(totals.Masked)).Append(Cell(totals.Unreadable))
                .Append(Cell(totals.Archives, totals.UnreadableArchives == 0 ? null : totals.UnreadableArchives + " unreadable")).Append(Cell(totals.RefusedEntries)).Append(quarantine == null ? "<td>(no folder given)</td>" : Cell(totals.Quarantined))
                .Append("</tr></table>\n");

            foreach (ReviewPatient patient in patients)
            {
                html.Append("<h2>Patient ").Append(E(patient.PatientId));
                if (!string.IsNullOrEmpty(patient.TrialSubjectId)) html.Append(" (trial subject ").Append(E(patient.TrialSubjectId)).Append(')');
                html.Append("</h2>\n");
                foreach (ReviewStudy study in patient.Studies.Values.OrderBy(s => s.StudyDate, StringComparer.Ordinal).ThenBy(s => s.StudyUid, StringComparer.Ordinal))
                {
                    html.Append("<h3>Study ").Append(E(string.IsNullOrWhiteSpace(study.StudyId) ? "(no Study ID)" : study.StudyId)).Append(" &middot; ").Append(E(string.IsNullOrWhiteSpace(study.StudyDate) ? "(no date)" : study.StudyDate));
                    if (!string.IsNullOrEmpty(study.Description)) html.Append(" &middot; ").Append(E(study.Description));
                    html.Append("</h3>\n<p>Study Instance UID ").Append(E(study.StudyUid)).Append("</p>\n");
                    foreach (ReviewSeries series in study.Series.Values.OrderBy(s => Number(s.SeriesNumber)).ThenBy(s => s.SeriesUid, StringComparer.Ordinal))
                        WriteSeries(html, series);
                }
            }

            if (journal.HeldBack != null)
            {
                html.Append("<h2>Held back by the run").Append(journal.RunId == null ? string.Empty : " " + E(journal.RunId)).Append("</h2>\n");
                if (journal.HeldBack.Count == 0) html.Append("<p>None: the run journal records no file refused, dropped or quarantined.</p>\n");
                else
                {
                    html.Append("<table><tr><th>What</th><th>Files</th></tr>");
                    foreach (var row in journal.HeldBack)
                        html.Append("<tr><td class=\"flag\">").Append(E(row.Key)).Append("</td>").Append(Cell(row.Value)).Append("</tr>");
                    html.Append("</table>\n<p>Reasons are error ids (docs/errors.md); the files are named in the run journal only.</p>\n");
                }
            }

            if (quarantine != null)
            {
                html.Append("<h2>Quarantined files</h2>\n");
                if (quarantine.Count == 0) html.Append("<p>None.</p>\n");
                else
                {
                    html.Append("<table><tr><th>#</th><th>Reason</th></tr>");
                    for (int i = 0; i < quarantine.Count; i++)
                        html.Append("<tr>").Append(Cell(i + 1)).Append("<td class=\"flag\">").Append(E(quarantine[i])).Append("</td></tr>");
                    html.Append("</table>\n");
                }
            }
            html.Append("</body></html>\n");

            string directory = Path.GetDirectoryName(output);
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            string temporary = TemporaryFileName.Beside(output);
            try
            {
                File.WriteAllText(temporary, html.ToString(), new UTF8Encoding(false));
                HamletPS.Dicom.IO.FileRename.ReplaceOrMove(temporary, output);
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
        }

        private static void WriteSeries(StringBuilder html, ReviewSeries s)
        {
            html.Append("<div class=\"series\"><b>Series ").Append(E(s.SeriesNumber ?? "?")).Append("</b> &middot; ").Append(E(s.Modality ?? "?"))
                .Append(" &middot; ").Append(E(s.Description ?? string.Empty)).Append('\n');
            html.Append("<table><tr><th>SOP class</th><th>Instances</th><th>Frames</th><th>Series date</th><th>Burned In Annotation</th><th>De-identification method</th></tr><tr>")
                .Append("<td>").Append(E(s.SopClass ?? "?")).Append("</td>").Append(Cell(s.Instances.Count)).Append(Cell(s.Frames))
                .Append("<td>").Append(E(s.SeriesDate ?? "-")).Append("</td>")
                .Append(string.Equals(s.BurnedInAnnotation?.Trim(), "YES", StringComparison.OrdinalIgnoreCase) ? "<td class=\"flag\">" : "<td>").Append(E(s.BurnedInAnnotation ?? "-")).Append("</td>")
                .Append("<td>").Append(E(s.DeidentificationMethod)).Append("</td></tr></table>\n");
            if (s.Thumbnail != null)
                html.Append("<img class=\"strip\" alt=\"thumbnails of series ").Append(E(s.SeriesNumber ?? "?")).Append("\" src=\"data:image/png;base64,")
                    .Append(Convert.ToBase64String(s.Thumbnail)).Append("\">\n");
            else if (s.ThumbnailProblem != null && s.ThumbnailProblem != "no image")
                html.Append("<p class=\"flag\">No thumbnail: ").Append(E(s.ThumbnailProblem)).Append("</p>\n");
            if (s.Cleaned > 0)
            {
                int outlined = s.Instances.Count(i => i.MaskRule != null);
                html.Append("<p class=\"masked\">Pixels masked by protect (Clean Pixel Data) in ").Append(s.Cleaned).Append(" instance").Append(s.Cleaned == 1 ? "" : "s");
                foreach (var rule in s.MaskRules.OrderBy(r => r.Name, StringComparer.Ordinal))
                    html.Append("; pixel rule '").Append(E(rule.Name)).Append("' blanked ").Append(E(string.Join(" ", rule.Rectangles.Select(r => r.ToString())))).Append(" (x, y, width, height), outlined");
                if (outlined < s.Cleaned)
                    html.Append("; <span class=\"flag\">").Append(s.Cleaned - outlined).Append(" masked by a rule the profile does not name from the protected header: not outlined</span>");
                html.Append("</p>\n");
            }
            if (s.RoiNames.Count > 0)
                html.Append("<p>Structures (").Append(s.RoiNames.Count).Append("): ").Append(string.Join(", ", s.RoiNames.Select(E))).Append("</p>\n");
            if (s.BeamNames.Count > 0)
                html.Append("<p>Beams (").Append(s.BeamNames.Count).Append("): ").Append(string.Join(", ", s.BeamNames.Select(E))).Append("</p>\n");
            if (s.DoseGrid != null) html.Append("<p>Dose grid: ").Append(E(s.DoseGrid)).Append("</p>\n");
            html.Append("<details><summary>Header of one instance (").Append(s.Header.Count).Append(" elements kept)</summary><table>");
            foreach (var row in s.Header)
                html.Append("<tr><td>").Append(E(row.Key)).Append("</td><td>").Append(E(row.Value)).Append("</td></tr>");
            html.Append("</table></details></div>\n");
        }

        private static string Cell(int n) => "<td>" + n.ToString(CultureInfo.InvariantCulture) + "</td>";

        private static string Cell(int n, string flag) =>
            flag == null ? Cell(n) : "<td>" + n.ToString(CultureInfo.InvariantCulture) + " <span class=\"flag\">(" + E(flag) + ")</span></td>";

        private static double Number(string text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double n) ? n : double.MaxValue;

        /// <summary>HTML-escapes text for element content and quoted attribute values.</summary>
        internal static string E(string text) => text == null ? string.Empty : WebUtility.HtmlEncode(text);
    }
}
