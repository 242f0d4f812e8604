using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Threading;
using HamletPS.Core;
using HamletPS.Cli.JsonLines;
using HamletPS.Core.Retrieve;
using HamletPS.Core.Network;

namespace HamletPS.Cli.Verbs
{
    /// <summary>
    /// `hamlet find`: Find-DicomStudy for the command line. One line per match as it arrives (UIDs, date, modality, description,
    /// count: never a name, so a job's log holds no identifier); --json prints every field, patient identifiers included
    /// (site-only). Exit code 0 when the query ran, 1 when the PACS or the network failed, 2 for bad settings.
    /// </summary>
    public static class FindVerb
    {
        public const string CmdletName = "Find-DicomStudy";

        public static Command Create()
        {
            var computerName = new Argument<string>("computer-name") { Description = "Host name or IP address of the PACS." };
            var peerOptions = new PeerOptionSet();
            var level = new Option<DicomQueryLevel>("--level") { Description = "Patient, Study (default), Series or Image.", DefaultValueFactory = _ => DicomQueryLevel.Study };
            var patientRoot = new Option<bool>("--patient-root") { Description = "Use the Patient Root model (implied at the Patient level)." };
            var patientId = new Option<string>("--patient-id") { Description = "Patient ID (MRN)." };
            var patientName = new Option<string>("--patient-name") { Description = "Patient's Name, wildcards * and ? allowed." };
            var accession = new Option<string>("--accession-number") { Description = "Accession Number." };
            var study = new Option<string>("--study-instance-uid") { Description = "Study Instance UID." };
            var series = new Option<string>("--series-instance-uid") { Description = "Series Instance UID." };
            var studyDate = new Option<string>("--study-date") { Description = "A date or range: 20240131, 20240101-20240131, 20240101- or -20240131." };
            var since = new Option<string>("--since") { Description = "Studies from this day on (yyyy-MM-dd); overrides --study-date." };
            var modality = new Option<string[]>("--modality") { Description = "Modalities (any of them).", AllowMultipleArgumentsPerToken = true };
            var description = new Option<string>("--study-description") { Description = "Study Description, wildcards allowed." };
            var returnKey = new Option<string[]>("--return-key") { Description = "More attributes to return, by DICOM keyword.", AllowMultipleArgumentsPerToken = true };
            var charset = new Option<string>("--character-set") { Description = "Specific Character Set of the query (default: chosen from the values)." };
            var first = new Option<int?>("--first") { Description = "Stop after this many matches (C-CANCEL the rest)." };
            var json = new Option<bool>("--json") { Description = "One JSON object per match (holds patient identifiers: site-only)." };
            var command = new Command("find", "Query a PACS (C-FIND) for patients, studies, series or instances (Find-DicomStudy).")
            {
                computerName, level, patientRoot, patientId, patientName, accession, study, series, studyDate, since, modality, description, returnKey, charset, first, json,
            };
            peerOptions.AddTo(command, parse => parse.GetValue(computerName), (parse, peer, token) =>
            {
                var query = new DicomQuery
                {
                    Level = parse.GetValue(level),
                    PatientRoot = parse.GetValue(patientRoot),
                    PatientID = parse.GetValue(patientId),
                    PatientName = parse.GetValue(patientName),
                    AccessionNumber = parse.GetValue(accession),
                    StudyInstanceUID = parse.GetValue(study),
                    SeriesInstanceUID = parse.GetValue(series),
                    StudyDate = parse.GetValue(studyDate),
                    Modality = (parse.GetValue(modality) ?? Array.Empty<string>()).ToList(),
                    StudyDescription = parse.GetValue(description),
                    ReturnKeys = (parse.GetValue(returnKey) ?? Array.Empty<string>()).ToList(),
                    CharacterSet = parse.GetValue(charset),
                };
                string sinceText = parse.GetValue(since);
                if (!string.IsNullOrEmpty(sinceText))
                {
                    if (!DateTime.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime day))
                    {
                        CliOutput.Console.Failure("InvalidDicomNetworkSetting", "--since: '" + sinceText + "' is not a date (yyyy-MM-dd).");
                        return 2;
                    }
                    query.StudyDate = DicomQuery.Since(day);
                }
                return Run(peer, query, parse.GetValue(first), parse.GetValue(json), CliOutput.Console, token);
            });
            return command;
        }

        public static int Run(DicomPeer peer, DicomQuery query, int? first, bool json, CliOutput output, CancellationToken cancellationToken)
        {
            int seen = 0;
            try
            {
                int n = DicomFinder.FindAsync(peer, query, r =>
                {
                    if (json) output.Json(r, CliJsonContext.Relaxed.DicomQueryResult);
                    else output.Line(Describe(r));
                    return !first.HasValue || ++seen < first.Value;
                }, cancellationToken).GetAwaiter().GetResult();
                if (!json) output.Line(n.ToString(CultureInfo.InvariantCulture) + " match" + (n == 1 ? "" : "es") + " from " + peer);
            }
            catch (OperationCanceledException)
            {
                return 1;
            }
            catch (Exception ex) when (NetworkOptions.SettingsError(ex) is HamletException setup)
            {
                return output.Failure(setup);
            }
            catch (Exception ex) when (QueryRetrieveError.Classify(ex) != null)
            {
                output.Failure(QueryRetrieveError.Classify(ex), ex.Message);
            }
            return output.ExitCode;
        }

        /// <summary>A match without names: level, date, modality, instance count, description and the UID of the level.</summary>
        internal static string Describe(DicomQueryResult r)
        {
            string uid = r.Level == "IMAGE" ? r.SOPInstanceUID : r.Level == "SERIES" ? r.SeriesInstanceUID : r.Level == "PATIENT" ? "" : r.StudyInstanceUID;
            string modality = r.Modality ?? r.ModalitiesInStudy;
            string description = r.SeriesDescription ?? r.StudyDescription;
            return string.Join("  ", new[] { r.Level, r.StudyDate, modality, r.NumberOfInstances?.ToString(CultureInfo.InvariantCulture), description, uid }.Where(s => !string.IsNullOrEmpty(s)));
        }
    }
}
