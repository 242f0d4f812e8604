using System;
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
        /// <summary>The database: the explicit path, else <see cref="DoseHistoryStore.DefaultFileName"/> beside the configuration.</summary>
        public static string ResolveDatabasePath(DoseHistoryRequest request)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (!string.IsNullOrEmpty(request.DatabasePath)) return Path.GetFullPath(request.DatabasePath);
            string folder = request.Config?.SourcePath != null ? Path.GetDirectoryName(request.Config.SourcePath) : request.Config?.BaseDirectory;
            if (string.IsNullOrEmpty(folder))
                throw new ArgumentException("Give the dose history database (-DatabasePath / --database-path), or a site configuration beside which it lives.");
            return Path.Combine(folder, DoseHistoryStore.DefaultFileName);
        }

        /// <summary>
        /// Options for <see cref="DoseHistoryImporter"/>. Throws <see cref="InvalidOperationException"/> when no site secret is
        /// configured (patients would have no key: nothing is stored in clear), <see cref="Identity.MappingFileException"/> for
        /// an unusable lookup table, <see cref="ProfileFormatException"/> for an unusable profile.
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
                throw new InvalidOperationException("The dose history keys patients as Protect does and needs the site secret: " + ex.Message, ex);
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
                throw new ArgumentException("Export format '" + format + "' is not Csv or Xlsx.");
            }
            string extension = Path.GetExtension(path ?? "");
            if (string.Equals(extension, ".csv", StringComparison.OrdinalIgnoreCase)) return DoseExportFormat.Csv;
            if (string.Equals(extension, ".xlsx", StringComparison.OrdinalIgnoreCase)) return DoseExportFormat.Xlsx;
            throw new ArgumentException("Give the export format (Csv or Xlsx): the file name " + Path.GetFileName(path) + " does not end in .csv or .xlsx.");
        }

        /// <summary>The filter of Get-DoseHistory and the exports, with the request's test-patient choice.</summary>
        public static DoseHistoryFilter CreateFilter(DoseHistoryRequest request, DoseHistoryFilter filter)
        {
            filter = filter ?? new DoseHistoryFilter();
            filter.IncludeTestPatients = request?.IncludeTestPatients ?? false;
            if (filter.From.HasValue && filter.To.HasValue && filter.From.Value.Date > filter.To.Value.Date)
                throw new ArgumentException("The date range is empty: From " + filter.From.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " is after To " + filter.To.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ".");
            return filter;
        }
    }
}
