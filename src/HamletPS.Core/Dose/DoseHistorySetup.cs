using System;
using System.Globalization;
using System.IO;
using System.Text;
using HamletPS.Core.Configuration;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Secrets;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// Turns a <see cref="DoseHistoryRequest"/> into what the dose history needs: the database path (explicit, else beside
    /// the configuration), and for imports the identity resolver (lookup table and keyed pseudonyms, from the site secret as
    /// Protect has them) and the profile's test-patient rule. Shared by the cmdlets and the CLI.
    /// </summary>
    public static class DoseHistorySetup
    {
        /// <summary>
        /// The database: the explicit path, else <see cref="DoseHistoryStore.DefaultFileName"/> beside the configuration; a set-up
        /// <see cref="HamletException"/> (<see cref="ErrorIds.InvalidDoseHistorySettings"/>) when there is neither.
        /// </summary>
        public static string ResolveDatabasePath(DoseHistoryRequest request)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (!string.IsNullOrEmpty(request.DatabasePath)) return Path.GetFullPath(request.DatabasePath);
            string folder = request.Config?.SourcePath != null ? Path.GetDirectoryName(request.Config.SourcePath) : request.Config?.BaseDirectory;
            if (string.IsNullOrEmpty(folder))
                throw new HamletException(ErrorIds.InvalidDoseHistorySettings, "No dose history database is given, and no site configuration beside which it lives.",
                    null, "Give {DatabasePath}, or {ConfigPath} (the database is " + DoseHistoryStore.DefaultFileName + " beside it).");
            return Path.Combine(folder, DoseHistoryStore.DefaultFileName);
        }

        /// <summary>
        /// Options for <see cref="DoseHistoryImporter"/>. Throws set-up <see cref="HamletException"/>s: <see cref="ErrorIds.InvalidDoseHistorySettings"/>
        /// when no site secret is configured (patients would have no key: nothing is stored in clear),
        /// <see cref="Identity.MappingFileException"/> for an unusable lookup table, <see cref="ProfileFormatException"/> for an
        /// unusable profile.
        /// </summary>
        public static DoseHistoryImportOptions CreateImportOptions(DoseHistoryRequest request)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            string database = ResolveDatabasePath(request);
            HamletConfig config = request.Config ?? new HamletConfig { BaseDirectory = Directory.GetCurrentDirectory() };
            if (request.MappingFile != null)
            {
                config.Hamlet.MappingFile = Path.GetFullPath(request.MappingFile);
                config.Hamlet.MappingFileConfigured = true;
            }
            DeidentificationProfile profile = DeidentificationProfile.Resolve(request.Profile ?? config.Hamlet.Profile ?? DeidentificationProfile.DefaultName);
            SiteCrypto crypto;
            try
            {
                crypto = SiteCrypto.FromConfig(config, request.Key);
            }
            catch (InvalidOperationException ex)
            {
                throw new HamletException(ErrorIds.InvalidDoseHistorySettings, "The dose history keys patients as Protect does and needs the site secret: " + ex.Message, ex);
            }
            using (crypto)
            {
                return new DoseHistoryImportOptions
                {
                    DatabasePath = database,
                    Identity = crypto.Identity,
                    TestPatients = new TestPatientDetector(profile.TestPatientPatterns),
                    IncludeTestPatients = request.IncludeTestPatients,
                    Replace = request.Replace,
                    WhatIf = request.WhatIf,
                };
            }
        }

        /// <summary>The export format: the explicit one (Csv or Xlsx), else the file's extension (.csv, .xlsx).</summary>
        public static DoseExportFormat ChooseExportFormat(string path, string format)
        {
            if (!string.IsNullOrEmpty(format))
            {
                if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)) return DoseExportFormat.Csv;
                if (string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase)) return DoseExportFormat.Xlsx;
                throw new HamletException(ErrorIds.InvalidDoseHistorySettings, "Export format '" + format + "' is not Csv or Xlsx.", null, "Give {Format} Csv or Xlsx.");
            }
            string extension = Path.GetExtension(path ?? "");
            if (string.Equals(extension, ".csv", StringComparison.OrdinalIgnoreCase)) return DoseExportFormat.Csv;
            if (string.Equals(extension, ".xlsx", StringComparison.OrdinalIgnoreCase)) return DoseExportFormat.Xlsx;
            throw new HamletException(ErrorIds.InvalidDoseHistorySettings, "The export format is not given and the file name " + Path.GetFileName(path) + " does not end in .csv or .xlsx.",
                null, "Give {Format} (Csv or Xlsx), or name the file .csv or .xlsx.");
        }

        /// <summary>
        /// An export needs a file, a chart folder or both: a set-up <see cref="HamletException"/>
        /// (<see cref="ErrorIds.InvalidDoseHistorySettings"/>) when neither is given.
        /// </summary>
        public static void CheckExportRequest(string file, string chartFolder)
        {
            if (string.IsNullOrEmpty(file) && string.IsNullOrEmpty(chartFolder))
                throw new HamletException(ErrorIds.InvalidDoseHistorySettings, "Nothing to export to: no file and no chart folder is given.", null,
                    "Give {Path} (.csv or .xlsx), {ChartPath}, or both.");
        }

        /// <summary>
        /// Refuses to replace an existing export unless asked: a <see cref="HamletException"/> <see cref="ErrorIds.ExportExists"/>
        /// naming the file (the remedy is {Force}).
        /// </summary>
        public static void CheckExportDestination(string destination, bool force)
        {
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            if (!force && File.Exists(destination))
                throw new HamletException(ErrorIds.ExportExists, destination + " exists.", null, "Replace it with {Force}.");
        }

        /// <summary>The filter of Get-DoseHistory and the exports, with the request's test-patient choice.</summary>
        public static DoseHistoryFilter CreateFilter(DoseHistoryRequest request, DoseHistoryFilter filter)
        {
            filter = filter ?? new DoseHistoryFilter();
            filter.IncludeTestPatients = request?.IncludeTestPatients ?? false;
            if (filter.From.HasValue && filter.To.HasValue && filter.From.Value.Date > filter.To.Value.Date)
                throw new HamletException(ErrorIds.InvalidDoseHistorySettings, "The date range is empty: its start " + filter.From.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    + " is after its end " + filter.To.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".", null, "Give a {From} on or before {To}.");
            if (filter.MinimumAge < 0 || filter.MaximumAge < 0)
                throw new HamletException(ErrorIds.InvalidDoseHistorySettings, "An age limit cannot be negative.", null, "Give {MinimumAge} and {MaximumAge} in years, 0 or more.");
            if (filter.MinimumAge.HasValue && filter.MaximumAge.HasValue && filter.MinimumAge.Value > filter.MaximumAge.Value)
                throw new HamletException(ErrorIds.InvalidDoseHistorySettings, "The age range is empty: its minimum " + filter.MinimumAge.Value.ToString(CultureInfo.InvariantCulture)
                    + " is above its maximum " + filter.MaximumAge.Value.ToString(CultureInfo.InvariantCulture) + ".", null, "Give a {MinimumAge} at or below {MaximumAge}.");
            if (!string.IsNullOrEmpty(filter.PatientSex) && !(filter.PatientSex.Trim().ToUpperInvariant() is "M" or "F" or "O"))
                throw new HamletException(ErrorIds.InvalidDoseHistorySettings, "The patient sex must be M, F or O.", null, "Give {PatientSex} as M, F or O.");
            return filter;
        }
    }
}
