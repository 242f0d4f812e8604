using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using HamletPS.Core.Identity;
using HamletPS.Core.Secrets;
using HamletPS.Core.Security;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Configuration
{
    /// <summary>
    /// Checks a configuration for Test-HamletConfig / Get-HamletConfig: every finding has a severity, the file and the line of
    /// the key concerned (0 when the key is absent). Never includes a secret or an MRN.
    /// </summary>
    public static class HamletConfigValidator
    {
        private static readonly string[] ArchivePlaceholders = { "SITE", "USER", "UUID", "DATE", "TIME", "STUDYID" };
        private static readonly Regex Placeholder = new Regex(@"\{([^{}]*)\}", RegexOptions.CultureInvariant);

        /// <summary>Reads the file and validates it: reading findings first, then validation findings.</summary>
        public static IReadOnlyList<ConfigFinding> ValidateFile(string path, ConfigValidationOptions options = null)
        {
            var read = HamletConfigLoader.Read(path);
            var findings = new List<ConfigFinding>(read.Findings);
            if (read.Config != null) findings.AddRange(Validate(read.Config, options));
            return findings;
        }

        public static IReadOnlyList<ConfigFinding> Validate(HamletConfig config, ConfigValidationOptions options = null)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            options = options ?? new ConfigValidationOptions();
            var v = new Findings(config);

            // APP
            CheckNamePart(v, "APP", "SITE", config.App.Site, required: true);
            CheckNamePart(v, "APP", "USER", config.App.User, required: false);

            // DATAPATH
            var folders = new[] { ("INCOMING", config.DataPath.Incoming), ("SORTED", config.DataPath.Sorted), ("OUTGOING", config.DataPath.Outgoing) };
            foreach (var (key, path) in folders)
            {
                if (path == null) v.Error("DATAPATH", key, "DATAPATH " + key + " is not set");
                else if (options.CheckFolders && !Directory.Exists(path)) v.Error("DATAPATH", key, "the " + key.ToLowerInvariant() + " folder " + path + " does not exist (DATAPATH " + key + ")");
            }
            for (int i = 0; i < folders.Length; i++)
                for (int j = i + 1; j < folders.Length; j++)
                    if (folders[i].Item2 != null && folders[j].Item2 != null && SamePath(folders[i].Item2, folders[j].Item2))
                        v.Error("DATAPATH", folders[j].Item1, "DATAPATH " + folders[j].Item1 + " is the same folder as " + folders[i].Item1);
            if (config.DataPath.Outgoing != null)
                foreach (var (key, path) in folders.Take(2))
                    if (path != null && IsInside(config.DataPath.Outgoing, path))
                        v.Error("DATAPATH", "OUTGOING", "the outgoing folder is inside the " + key.ToLowerInvariant() + " folder, which Clear-HamletFolder empties");

            // DICOMNODE
            var aet = config.DicomNode.AeTitle;
            if (string.IsNullOrWhiteSpace(aet) || aet.Length > 16 || aet.Any(c => c < 0x20 || c > 0x7E || c == '\\'))
                v.Error("DICOMNODE", "AET", "DICOMNODE AET must be 1-16 printable ASCII characters without '\\'");
            if (config.DicomNode.Port < 1 || config.DicomNode.Port > 65535)
                v.Error("DICOMNODE", "PORT", "DICOMNODE PORT " + config.DicomNode.Port + " is out of range 1-65535");

            // HAMLET
            var h = config.Hamlet;
            if (h.ArchiveName != null)
            {
                foreach (Match m in Placeholder.Matches(h.ArchiveName))
                    if (!ArchivePlaceholders.Contains(m.Groups[1].Value.ToUpperInvariant()))
                        v.Error("HAMLET", "ARCHIVENAME", "HAMLET ARCHIVENAME uses the unknown placeholder {" + m.Groups[1].Value + "} (known: " + string.Join(", ", ArchivePlaceholders.Select(p => "{" + p + "}")) + ")");
                if (h.ArchiveName.IndexOfAny(new[] { '/', '\\' }) >= 0) v.Error("HAMLET", "ARCHIVENAME", "HAMLET ARCHIVENAME must be a file name, not a path");
                if (!h.ArchiveName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) v.Warning("HAMLET", "ARCHIVENAME", "HAMLET ARCHIVENAME does not end in .zip");
            }
            if (h.DateOffsetMin > h.DateOffsetMax) v.Error("HAMLET", "DATEOFFSETMIN", "HAMLET DATEOFFSETMIN is greater than DATEOFFSETMAX");
            if (h.UidRoot != null && h.UidRoot != HamletSettings.DefaultUidRoot)
            {
                try { _ = new UidRemapper(new byte[32], h.UidRoot); }
                catch (ArgumentException ex) { v.Error("HAMLET", "UIDROOT", "HAMLET UIDROOT: " + ex.Message.Split('(')[0].Trim()); }
            }

            // Secrets
            SecretValue folderKey = null;
            try { folderKey = HamletSecrets.ResolveFolderKey(config, options.FolderKey, options.Environment); }
            catch (Exception ex) when (ex is IOException || ex is InvalidOperationException || ex is UnauthorizedAccessException)
            {
                v.Error("CIPHER", "FOLDERKEYFILE", "the folder key file cannot be read: " + ex.Message);
            }
            bool siteKeyAvailable = folderKey != null;
            if (h.SiteKeyFile != null)
            {
                if (!File.Exists(h.SiteKeyFile)) v.Error("HAMLET", "SITEKEYFILE", "the site key file " + h.SiteKeyFile + " does not exist");
                else siteKeyAvailable = true;
            }
            var env = options.Environment ?? Environment.GetEnvironmentVariable;
            if (!string.IsNullOrEmpty(env(HamletSecrets.SiteKeyVariable))) siteKeyAvailable = true;
            if (!siteKeyAvailable && !v.Has("CIPHER.FOLDERKEYFILE"))
                v.Error("CIPHER", "FOLDERKEY", "no key is configured: set " + HamletSecrets.FolderKeyVariable + " or " + HamletSecrets.SiteKeyVariable +
                    ", CIPHER FOLDERKEYFILE, HAMLET SITEKEYFILE, or CIPHER FOLDERKEY");
            if (folderKey != null && folderKey.ConfigKey == "CIPHER.FOLDERKEY")
                v.Information("CIPHER", "FOLDERKEY", "CIPHER FOLDERKEY is stored in plain text; " + HamletSecrets.FolderKeyVariable + " or CIPHER FOLDERKEYFILE keep it out of the file");
            if (folderKey != null)
            {
                var chars = folderKey.ToCharArray();
                try
                {
                    if (h.Pseudonym == PseudonymMethod.Vigenere && chars.Any(c => !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')))
                        v.Error("CIPHER", KeyOf(folderKey), "the folder key (from " + folderKey.Source + ") may contain only letters and digits for the Vigenère method");
                    if (h.SiteKeyFile == null && string.IsNullOrEmpty(env(HamletSecrets.SiteKeyVariable)) && chars.Length < SiteSecret.MinimumLength)
                        v.Error("CIPHER", KeyOf(folderKey), "the folder key (from " + folderKey.Source + ") is the site secret and must be at least " + SiteSecret.MinimumLength + " characters");
                }
                finally { Array.Clear(chars, 0, chars.Length); }
            }

            // Mapping file and the key length rule of the old guide
            if (options.CheckMappingFile)
            {
                if (h.MappingFile == null || !File.Exists(h.MappingFile) && !Directory.Exists(h.MappingFile) && !h.MappingFileConfigured)
                    v.Warning("HAMLET", "MAPPINGFILE", "the mapping file " + (h.MappingFile ?? "mapping.csv") + " does not exist: every patient will be pseudonymised");
                else
                {
                    try
                    {
                        var lookup = StudyIdLookup.Load(h.MappingFile, new StudyIdLookupOptions { KeyKind = h.LookupKey, StudyIdPattern = h.StudyIdPattern });
                        if (folderKey != null && folderKey.Length <= lookup.LongestKeyLength)
                            (h.Pseudonym == PseudonymMethod.Vigenere ? (Action<string, string, string>)v.Error : v.Warning)("CIPHER", KeyOf(folderKey), "the folder key (from " + folderKey.Source + ", " + folderKey.Length +
                                " characters) must be longer than the longest MRN in " + Path.GetFileName(h.MappingFile) + " (" + lookup.LongestKeyLength + " characters)");
                    }
                    catch (MappingFileException ex)
                    {
                        foreach (var e in ex.Errors) v.Add(new ConfigFinding(ConfigSeverity.Error, e.File, e.Line, 0, "HAMLET.MAPPINGFILE", e.Reason));
                    }
                    catch (IOException ex)
                    {
                        v.Error("HAMLET", "MAPPINGFILE", "the mapping file cannot be read: " + ex.Message);
                    }
                }
            }
            folderKey?.Clear();

            // AZURE
            if (config.Locations.ContainsKey("AZURE") && config.Azure.Values.Count > 0 && !config.Azure.IsConfigured)
                v.Warning("AZURE", null, "the AZURE section names no account, URL, connection string or SAS: uploads will not work");
            return v.List;
        }

        private static string KeyOf(SecretValue key) => key.ConfigKey != null && key.ConfigKey.StartsWith("CIPHER.", StringComparison.Ordinal) ? key.ConfigKey.Substring(7) : "FOLDERKEY";

        private static void CheckNamePart(Findings v, string section, string key, string value, bool required)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (required) v.Error(section, key, section + " " + key + " is not set (it names the archives)");
                return;
            }
            if (value.IndexOfAny(Path.GetInvalidFileNameChars().Concat(new[] { '/', '\\', ':', '*', '?', '"', '<', '>', '|' }).ToArray()) >= 0)
                v.Error(section, key, section + " " + key + " is used in archive file names and may not contain / \\ : * ? \" < > |");
        }

        // Paths of a config file may be written for another machine: a Windows-shaped path (drive, UNC) is judged by the
        // Windows rule (case-insensitive, either separator), anything else by this machine's (PathRules: the one definition).
        private static bool SamePath(string a, string b) => PathRules.For(a).AreSame(a, b);

        private static bool IsInside(string inner, string outer) => PathRules.For(outer).IsInside(inner, outer);

        private sealed class Findings
        {
            private readonly HamletConfig _config;
            private readonly string _file;

            public Findings(HamletConfig config)
            {
                _config = config;
                _file = config.SourcePath ?? "(config)";
            }

            public List<ConfigFinding> List { get; } = new List<ConfigFinding>();

            public bool Has(string key) => List.Any(f => f.Key == key);

            public void Add(ConfigFinding finding) => List.Add(finding);

            public void Error(string section, string key, string message) => Add(ConfigSeverity.Error, section, key, message);
            public void Warning(string section, string key, string message) => Add(ConfigSeverity.Warning, section, key, message);
            public void Information(string section, string key, string message) => Add(ConfigSeverity.Information, section, key, message);

            private void Add(ConfigSeverity severity, string section, string key, string message)
            {
                var at = _config.LocationOf(section, key);
                List.Add(new ConfigFinding(severity, _file, at?.Line ?? 0, at?.Column ?? 0, key == null ? section : section + "." + key, message));
            }
        }
    }
}
