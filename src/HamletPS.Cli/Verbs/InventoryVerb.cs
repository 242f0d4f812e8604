using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using HamletPS.Cli.JsonLines;
using HamletPS.Core;
using HamletPS.Core.Configuration;
using HamletPS.Core.Inventory;
using HamletPS.Core.Network;
using HamletPS.Core.Retrieve;

namespace HamletPS.Cli.Verbs
{
    /// <summary>
    /// `hamlet inventory`: Get-HamletInventory for the command line. Plain lines name the trial Study ID, never the MRN (a job's
    /// log holds no identifier); --json and --csv FILE carry every column, MRNs included: SITE-ONLY output. Exit code 0 when
    /// every patient was looked up, 1 when the PACS failed for one, 2 for bad settings or unreadable send records.
    /// </summary>
    public static class InventoryVerb
    {
        public const string CmdletName = "Get-HamletInventory";

        internal const string SiteOnly = "SITE-ONLY: the output holds MRNs (Patient IDs) and accession numbers; never upload it or put it in the outgoing folder.";

        /// <summary>The verb's options other than the PACS's.</summary>
        public sealed class Arguments
        {
            public string[] PatientId { get; set; }
            public string[] AccessionNumber { get; set; }
            public string StudyId { get; set; }
            public string[] Modality { get; set; }
            public string StudyDate { get; set; }
            public string Since { get; set; }
            public string VaultPath { get; set; }
            public string KeyVariable { get; set; }
            public string ConfigPath { get; set; }
            public bool Json { get; set; }
            public string CsvPath { get; set; }
        }

        public static Command Create()
        {
            var computerName = new Option<string>("--computer-name") { Description = "Host name or IP address of the PACS (default: the configuration's PACS section, with its PORT and AET)." };
            var peerOptions = new PeerOptionSet();
            var patientId = new Option<string[]>("--patient-id", "--mrn") { Description = "Patient IDs (MRNs) to take stock of (default: every patient of the lookup table).", AllowMultipleArgumentsPerToken = true };
            var accession = new Option<string[]>("--accession-number") { Description = "Accession numbers to take stock of.", AllowMultipleArgumentsPerToken = true };
            var studyId = new Option<string>("--study-id") { Description = "The trial Study ID of the one patient named (shown in the output)." };
            var modality = new Option<string[]>("--modality") { Description = "Modalities to count (default: the PACS section's MODALITIES, else all).", AllowMultipleArgumentsPerToken = true };
            var studyDate = new Option<string>("--study-date") { Description = "A date or range: 20240131, 20240101-20240131, 20240101- or -20240131 (default: all)." };
            var since = new Option<string>("--since") { Description = "Studies from this day on (yyyy-MM-dd); overrides --study-date." };
            var vault = new Option<string>("--vault-path") { Description = "The re-identification record folder (default HAMLET.VAULT)." };
            var key = new Option<string>("--key") { Description = "Name of an environment variable holding the site secret." };
            var config = new Option<string>("--config-path", "--config") { Description = "config.yaml (default: $HAMLET_CONFIG, then ./config.yaml); required." };
            var json = new Option<bool>("--json") { Description = "One JSON object per study, MRNs included (site-only)." };
            var csv = new Option<string>("--csv") { Description = "Also write the inventory to this CSV file, MRNs included (site-only; never inside OUTGOING)." };
            var command = new Command("inventory", "What has not been sent: per trial patient and study, what the PACS holds against what the site archived (Get-HamletInventory). " + SiteOnly)
            {
                computerName, patientId, accession, studyId, modality, studyDate, since, vault, key, config, json, csv,
            };
            peerOptions.AddTo(command, parse => parse.GetValue(computerName), (parse, peer, token) => Run(peer, new Arguments
            {
                PatientId = parse.GetValue(patientId),
                AccessionNumber = parse.GetValue(accession),
                StudyId = parse.GetValue(studyId),
                Modality = parse.GetValue(modality),
                StudyDate = parse.GetValue(studyDate),
                Since = parse.GetValue(since),
                VaultPath = parse.GetValue(vault),
                KeyVariable = parse.GetValue(key),
                ConfigPath = parse.GetValue(config),
                Json = parse.GetValue(json),
                CsvPath = parse.GetValue(csv),
            }, CliOutput.Console, token));
            return command;
        }

        /// <param name="peer">The PACS as the options name it; a null ComputerName takes the configuration's PACS section.</param>
        public static int Run(DicomPeer peer, Arguments a, CliOutput output, CancellationToken cancellationToken)
        {
            if (a == null) throw new ArgumentNullException(nameof(a));
            if (output == null) throw new ArgumentNullException(nameof(output));
            InventoryOptions options;
            SentInstanceIndex sent;
            IReadOnlyList<InventoryPatient> patients;
            string csvPath;
            char[] key = null;
            try
            {
                HamletConfig config = WorkflowConfiguration.LoadOrNull(CliPaths.FullOrNull(a.ConfigPath), Directory.GetCurrentDirectory());
                if (a.KeyVariable != null) key = ProtectVerbs.KeyFromEnvironment(a.KeyVariable);
                options = InventorySetup.CreateOptions(new InventoryRequest
                {
                    Peer = peer,
                    Key = key,
                    VaultPath = CliPaths.FullOrNull(a.VaultPath),
                    StudyDate = a.StudyDate,
                    Since = ParseSince(a.Since),
                    Modality = a.Modality,
                }, config);
                csvPath = a.CsvPath == null ? null : InventorySetup.ReportPath(CliPaths.FullOrNull(a.CsvPath), config);
                patients = Patients(a);
                if (patients.Count == 0) patients = InventorySetup.LookupTablePatients(config);
                sent = options.LoadSent(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return 1;
            }
            catch (Exception ex) when (SetupError.Classify(ex, ErrorIds.InvalidInventorySettings) is HamletException setup)
            {
                return output.Failure(setup); // SentRecordUnreadable, VaultKeyMismatch, ConfigNotFound, InvalidMappingFile … or InvalidInventorySettings
            }
            finally
            {
                if (key != null) Array.Clear(key, 0, key.Length);
            }
            if (sent.Unmatched > 0)
                output.Warning(sent.Unmatched + " instance(s) recorded as sent have no re-identification record: their studies may show as not sent.");
            var rows = new List<InventoryStudy>();
            foreach (InventoryPatient patient in patients)
            {
                try
                {
                    DicomInventory.RunAsync(options.Peer, patient, options.Filter, sent, row =>
                    {
                        rows.Add(row);
                        if (a.Json) output.Json(row, CliJsonContext.Relaxed.InventoryStudy);
                        else output.Line(Describe(row));
                    }, cancellationToken).GetAwaiter().GetResult();
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
                    output.Failure(QueryRetrieveError.Classify(ex), ex.Message); // names the PACS, never the patient
                }
            }
            if (csvPath != null)
            {
                try
                {
                    InventoryCsv.WriteFile(csvPath, rows);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    output.Failure(ErrorIds.ExportFailed, "The inventory could not be written to " + csvPath + ": " + ex.Message);
                }
            }
            if (!a.Json) output.Line(Summary(patients.Count, rows));
            return output.ExitCode;
        }

        private static List<InventoryPatient> Patients(Arguments a)
        {
            var patients = new List<InventoryPatient>();
            foreach (string id in a.PatientId ?? Array.Empty<string>())
                if (!string.IsNullOrWhiteSpace(id)) patients.Add(new InventoryPatient { PatientID = id });
            foreach (string accession in a.AccessionNumber ?? Array.Empty<string>())
                if (!string.IsNullOrWhiteSpace(accession)) patients.Add(new InventoryPatient { AccessionNumber = accession });
            if (patients.Count == 1) patients[0].StudyId = a.StudyId;
            return patients;
        }

        private static DateTime? ParseSince(string text)
        {
            if (string.IsNullOrEmpty(text)) return null;
            if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime day))
                throw new ArgumentException("--since: '" + text + "' is not a date (yyyy-MM-dd).");
            return day;
        }

        /// <summary>A study without the patient's identifiers: status, trial Study ID, date, modalities, counts, the study's UID.</summary>
        internal static string Describe(InventoryStudy r)
        {
            string counts = r.Status == InventoryStatus.NotInPacs ? null
                : r.SentInstances.ToString(CultureInfo.InvariantCulture) + "/" + r.Instances.ToString(CultureInfo.InvariantCulture) + " sent";
            return string.Join("  ", new[] { r.Status, r.StudyId ?? "-", r.StudyDate, r.Modalities, counts, r.StudyInstanceUID }.Where(s => !string.IsNullOrEmpty(s)));
        }

        internal static string Summary(int patients, IReadOnlyList<InventoryStudy> rows)
        {
            int Count(string status) => rows.Count(r => r.Status == status);
            return "Inventory: " + patients + " patient(s), " + rows.Count(r => r.Status != InventoryStatus.NotInPacs) + " study(ies): "
                + Count(InventoryStatus.Sent) + " sent, " + Count(InventoryStatus.NotSent) + " not sent, " + Count(InventoryStatus.PartlySent) + " partly sent, "
                + Count(InventoryStatus.ChangedSinceSent) + " changed since sent; " + Count(InventoryStatus.NotInPacs) + " patient(s) with nothing in the PACS";
        }
    }
}
