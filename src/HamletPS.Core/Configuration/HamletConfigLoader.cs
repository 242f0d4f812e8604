using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using HamletPS.Core.Identity;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HamletPS.Core.Configuration
{
    /// <summary>
    /// Reads config.yaml: the HTP format as sites have it (APP, DATAPATH, DICOMNODE, CIPHER, AZURE) plus the optional HAMLET and
    /// UPLOAD sections. Section and key names are case-insensitive. Every finding carries the file and the line of the offending
    /// key or value (from YamlDotNet's marks). Secret values never appear in findings.
    /// </summary>
    public static class HamletConfigLoader
    {
        public static readonly IReadOnlyList<string> KnownSections = new[] { "APP", "DATAPATH", "DICOMNODE", "CIPHER", "AZURE", "HAMLET", "UPLOAD", "PACS" };

        /// <summary>Reads and checks the file; throws <see cref="HamletConfigException"/> when reading found errors.</summary>
        public static HamletConfig Load(string path)
        {
            var result = Read(path);
            var errors = result.Findings.Where(f => f.Severity == ConfigSeverity.Error).ToList();
            if (errors.Count > 0) throw new HamletConfigException(errors);
            return result.Config;
        }

        /// <summary>Reads the file without throwing for content problems (they become findings). A missing file is an error finding.</summary>
        public static HamletConfigReadResult Read(string path)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentNullException(nameof(path));
            var full = Path.GetFullPath(path);
            if (!File.Exists(full))
                return new HamletConfigReadResult(null, new[] { new ConfigFinding(ConfigSeverity.Error, full, 0, 0, null, "the configuration file does not exist") });
            using (var reader = new StreamReader(full, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true))
            {
                var result = Parse(reader, full, Path.GetDirectoryName(full));
                if (result.Config != null) result.Config.SourcePath = full;
                return result;
            }
        }

        /// <summary>Parses YAML text; <paramref name="sourceName"/> names it in findings, <paramref name="baseDirectory"/> anchors relative paths.</summary>
        public static HamletConfigReadResult Parse(TextReader reader, string sourceName, string baseDirectory)
        {
            if (reader == null) throw new ArgumentNullException(nameof(reader));
            var findings = new List<ConfigFinding>();
            var yaml = new YamlStream();
            string text = reader.ReadToEnd(); // a configuration file is small; kept to locate errors the parser cannot place
            try
            {
                yaml.Load(new StringReader(text));
            }
            catch (InvalidOperationException)
            {
                // YamlDotNet's scanner throws this (not a YamlException) when the text ends inside an open flow collection.
                int lastLine = text.TrimEnd().Split('\n').Length;
                findings.Add(new ConfigFinding(ConfigSeverity.Error, sourceName, lastLine, 1, null,
                    "the file is not valid YAML: a '[', '{' or quote opened earlier is not closed before the end of the file"));
                return new HamletConfigReadResult(null, findings);
            }
            catch (YamlException ex)
            {
                findings.Add(new ConfigFinding(ConfigSeverity.Error, sourceName, (int)ex.Start.Line, (int)ex.Start.Column, null,
                    "the file is not valid YAML: " + CleanYamlMessage(ex) +
                    (ex.Message.IndexOf("escape", StringComparison.OrdinalIgnoreCase) >= 0 ? " (write Windows paths unquoted or in single quotes: 'c:\\data\\')" : "")));
                return new HamletConfigReadResult(null, findings);
            }

            var config = new HamletConfig { BaseDirectory = baseDirectory };
            var context = new Context(sourceName, config, findings);
            if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is YamlScalarNode s && string.IsNullOrEmpty(s.Value))
            {
                findings.Add(new ConfigFinding(ConfigSeverity.Error, sourceName, 1, 1, null, "the configuration file is empty"));
                return new HamletConfigReadResult(null, findings);
            }
            if (yaml.Documents.Count > 1)
                context.Add(ConfigSeverity.Error, yaml.Documents[1].RootNode, null, "the file holds more than one YAML document ('---'); only one is allowed");
            var root = yaml.Documents[0].RootNode as YamlMappingNode;
            if (root == null)
            {
                context.Add(ConfigSeverity.Error, yaml.Documents[0].RootNode, null, "the file must be a mapping of sections (APP:, DATAPATH:, …)");
                return new HamletConfigReadResult(null, findings);
            }

            foreach (var entry in root.Children)
            {
                var name = KeyName(entry.Key);
                if (name == null) { context.Add(ConfigSeverity.Error, entry.Key, null, "a section name must be a plain word"); continue; }
                if (!KnownSections.Contains(name))
                {
                    context.Add(ConfigSeverity.Error, entry.Key, name, "unknown section " + name + " (known: " + string.Join(", ", KnownSections) + ")");
                    continue;
                }
                config.Locations[name] = Location(entry.Key);
                if (entry.Value is YamlScalarNode empty && IsNull(empty)) continue; // "AZURE:" with nothing under it
                var section = entry.Value as YamlMappingNode;
                if (section == null)
                {
                    context.Add(ConfigSeverity.Error, entry.Value, name, "wrong type: section " + name + " must hold KEY: value lines");
                    continue;
                }
                ReadSection(context, name, section);
            }
            ApplyDefaults(config);
            return new HamletConfigReadResult(config, findings);
        }

        private static void ReadSection(Context context, string section, YamlMappingNode node)
        {
            var config = context.Config;
            foreach (var entry in node.Children)
            {
                var key = KeyName(entry.Key);
                if (key == null) { context.Add(ConfigSeverity.Error, entry.Key, section, "a key in section " + section + " must be a plain word"); continue; }
                var qualified = section + "." + key;
                config.Locations[qualified] = Location(entry.Key);
                var scalar = entry.Value as YamlScalarNode;
                if (scalar == null)
                {
                    context.Add(ConfigSeverity.Error, entry.Value, qualified, "wrong type: " + qualified + " must be a single value, not a list or a section");
                    continue;
                }
                var value = IsNull(scalar) ? null : scalar.Value.Trim();
                if (value != null && value.Length == 0) value = null;
                if (!Assign(context, section, key, value, scalar))
                    context.Add(ConfigSeverity.Warning, entry.Key, qualified, "unknown key " + qualified + " is ignored");
            }
        }

        /// <summary>Stores one value; false when the key is unknown for its section.</summary>
        private static bool Assign(Context c, string section, string key, string value, YamlScalarNode node)
        {
            var cfg = c.Config;
            var q = section + "." + key;
            switch (section)
            {
                case "APP":
                    if (key == "SITE") cfg.App.Site = value;
                    else if (key == "USER") cfg.App.User = value;
                    else return false;
                    return true;
                case "DATAPATH":
                    var path = ConfigPaths.Normalize(value, cfg.BaseDirectory);
                    if (key == "INCOMING") cfg.DataPath.Incoming = path;
                    else if (key == "SORTED") cfg.DataPath.Sorted = path;
                    else if (key == "OUTGOING") cfg.DataPath.Outgoing = path;
                    else return false;
                    return true;
                case "DICOMNODE":
                    if (key == "AET" || key == "AETITLE") cfg.DicomNode.AeTitle = value ?? DicomNodeSettings.DefaultAeTitle;
                    else if (key == "PORT") { if (value != null && c.Int(node, q, value, 1, 65535, "port", out var port)) cfg.DicomNode.Port = port; }
                    else return AssignDicomNodeAccess(c, key, value, node);
                    return true;
                case "CIPHER":
                    if (key == "FOLDERKEY") cfg.Cipher.FolderKey = value;
                    else if (key == "FOLDERKEYFILE") cfg.Cipher.FolderKeyFile = ConfigPaths.Normalize(value, cfg.BaseDirectory);
                    else return false;
                    return true;
                case "AZURE":
                    cfg.Azure.Values[key] = value;
                    return true;
                case "UPLOAD":
                    if (value == null) return key == "PARALLELISM" || key == "RANGESIZE" || key == "RETRIES";
                    if (key == "PARALLELISM") { if (c.Int(node, q, value, 1, 64, "parallelism", out var p)) cfg.Upload.Parallelism = p; }
                    else if (key == "RANGESIZE") { if (c.Int(node, q, value, 4096, UploadSettings.DefaultRangeSize, "range size", out var r)) cfg.Upload.RangeSize = r; }
                    else if (key == "RETRIES") { if (c.Int(node, q, value, 0, 100, "retry count", out var r)) cfg.Upload.Retries = r; }
                    else return false;
                    return true;
                case "HAMLET":
                    return AssignHamlet(c, key, value, node);
                case "PACS":
                    return AssignPacs(c, key, value, node);
            }
            return false;
        }

        /// <summary>DICOMNODE's optional access keys (HamletPS only; the old tool never reads them).</summary>
        private static bool AssignDicomNodeAccess(Context c, string key, string value, YamlScalarNode node)
        {
            var d = c.Config.DicomNode;
            var q = "DICOMNODE." + key;
            switch (key)
            {
                case "LISTENADDRESS":
                    d.ListenAddress = value;
                    if (value != null && !System.Net.IPAddress.TryParse(value, out _))
                        c.Add(ConfigSeverity.Error, node, q, "wrong value: " + q + " must be an IPv4 or IPv6 address of this computer (or empty for every address)");
                    return true;
                case "ALLOWEDPEERADDRESS":
                case "ALLOWEDPEERADDRESSES":
                    d.AllowedPeerAddresses = SplitList(value);
                    try { HamletPS.Dicom.Network.PeerAddressFilter.Parse(d.AllowedPeerAddresses); }
                    catch (FormatException ex) { c.Add(ConfigSeverity.Error, node, q, "wrong value: " + q + ": " + ex.Message); }
                    return true;
                case "ALLOWEDCALLINGAETITLE":
                case "ALLOWEDCALLINGAETITLES":
                case "ALLOWEDCALLINGAET":
                    d.AllowedCallingAeTitles = SplitList(value);
                    if (d.AllowedCallingAeTitles.Any(t => t.Length > 16 || t.Any(ch => ch < 0x20 || ch > 0x7E || ch == '\\')))
                        c.Add(ConfigSeverity.Error, node, q, "wrong value: " + q + " must list AE titles of 1-16 printable ASCII characters without '\\', separated by commas");
                    return true;
                case "DOSEHISTORY":
                    if (value == null || string.Equals(value, "false", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "no", StringComparison.OrdinalIgnoreCase)) d.DoseHistory = false;
                    else if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "yes", StringComparison.OrdinalIgnoreCase)) d.DoseHistory = true;
                    else c.Add(ConfigSeverity.Error, node, q, "wrong value: " + q + " must be true or false");
                    return true;
            }
            return false;
        }

        /// <summary>A comma-separated value as a list (blank entries dropped).</summary>
        private static List<string> SplitList(string value) =>
            value == null ? new List<string>() : value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();

        private static bool AssignHamlet(Context c, string key, string value, YamlScalarNode node)
        {
            var h = c.Config.Hamlet;
            var baseDir = c.Config.BaseDirectory;
            var q = "HAMLET." + key;
            switch (key)
            {
                case "PROFILE": h.Profile = value ?? HamletSettings.DefaultProfile; return true;
                case "MAPPINGFILE": h.MappingFile = ConfigPaths.Normalize(value, baseDir); h.MappingFileConfigured = h.MappingFile != null; return true;
                case "STUDYIDPATTERN":
                    h.StudyIdPattern = value;
                    if (value != null)
                    {
                        try { _ = new Regex(value); }
                        catch (ArgumentException) { c.Add(ConfigSeverity.Error, node, q, q + " is not a valid regular expression"); }
                    }
                    return true;
                case "LOOKUPKEY":
                    if (value == null) return true;
                    switch (Normalize(value))
                    {
                        case "AUTO": h.LookupKey = LookupKeyKind.Auto; break;
                        case "MRN": case "PATIENTID": h.LookupKey = LookupKeyKind.Mrn; break;
                        case "ACCESSIONNUMBER": case "ACCESSION": h.LookupKey = LookupKeyKind.AccessionNumber; break;
                        default: c.Add(ConfigSeverity.Error, node, q, "wrong value: " + q + " must be AUTO, MRN or ACCESSIONNUMBER"); break;
                    }
                    return true;
                case "PSEUDONYM":
                    if (value == null) return true;
                    switch (Normalize(value))
                    {
                        case "FF1": h.Pseudonym = PseudonymMethod.Ff1; break;
                        case "VIGENERE": h.Pseudonym = PseudonymMethod.Vigenere; break;
                        default: c.Add(ConfigSeverity.Error, node, q, "wrong value: " + q + " must be FF1 or VIGENERE"); break;
                    }
                    return true;
                case "ARCHIVENAME": h.ArchiveName = value ?? HamletSettings.DefaultArchiveName; return true;
                case "SORTTEMPLATE": h.SortTemplate = value ?? HamletSettings.DefaultSortTemplate; return true;
                case "LOGS": h.Logs = ConfigPaths.Normalize(value, baseDir); return true;
                case "QUARANTINE": h.Quarantine = ConfigPaths.Normalize(value, baseDir); return true;
                case "VAULT": h.Vault = ConfigPaths.Normalize(value, baseDir); return true;
                case "SITEKEYFILE": h.SiteKeyFile = ConfigPaths.Normalize(value, baseDir); return true;
                case "UIDROOT": h.UidRoot = value ?? HamletSettings.DefaultUidRoot; return true;
                case "DATEOFFSETMIN": if (value != null && c.Int(node, q, value, -36500, 36500, "day offset", out var min)) h.DateOffsetMin = min; return true;
                case "DATEOFFSETMAX": if (value != null && c.Int(node, q, value, -36500, 36500, "day offset", out var max)) h.DateOffsetMax = max; return true;
            }
            h.Other[key] = value;
            return false;
        }

        private static bool AssignPacs(Context c, string key, string value, YamlScalarNode node)
        {
            var p = c.Config.Pacs;
            var q = "PACS." + key;
            switch (key)
            {
                case "AET": case "AETITLE": p.AeTitle = value; return true;
                case "HOST": p.Host = value; return true;
                case "PORT": if (value != null && c.Int(node, q, value, 1, 65535, "port", out var port)) p.Port = port; return true;
                case "METHOD":
                    if (value == null) return true;
                    if (Normalize(value) == "GET" || Normalize(value) == "MOVE") p.Method = Normalize(value);
                    else c.Add(ConfigSeverity.Error, node, q, "wrong value: " + q + " must be GET or MOVE");
                    return true;
                case "MODALITIES":
                    p.Modalities = (value ?? string.Empty).Split(new[] { ',', ' ', '\\' }, StringSplitOptions.RemoveEmptyEntries).Select(m => m.Trim().ToUpperInvariant()).ToList();
                    return true;
                case "SINCE": if (value != null && c.Int(node, q, value, 1, 36500, "number of days", out var days)) p.SinceDays = days; return true;
            }
            return AssignPacsTls(c, key, value, node);
        }

        /// <summary>PACS's DICOM TLS keys (paths relative to the configuration file).</summary>
        private static bool AssignPacsTls(Context c, string key, string value, YamlScalarNode node)
        {
            var p = c.Config.Pacs;
            var baseDir = c.Config.BaseDirectory;
            var q = "PACS." + key;
            switch (key)
            {
                case "TLS":
                case "USETLS":
                    if (value == null) return true;
                    switch (Normalize(value))
                    {
                        case "TRUE": case "YES": case "ON": p.Tls.Enabled = true; break;
                        case "FALSE": case "NO": case "OFF": p.Tls.Enabled = false; break;
                        default: c.Add(ConfigSeverity.Error, node, q, "wrong value: " + q + " must be true or false"); break;
                    }
                    return true;
                case "CERTIFICATEFILE": p.Tls.CertificatePath = ConfigPaths.Normalize(value, baseDir); return true;
                case "KEYFILE": p.Tls.KeyPath = ConfigPaths.Normalize(value, baseDir); return true;
                case "CERTIFICATEPASSWORDFILE": p.CertificatePasswordFile = ConfigPaths.Normalize(value, baseDir); return true;
                case "TRUSTEDCERTIFICATEFILE":
                case "TRUSTEDCERTIFICATEFILES":
                    p.Tls.TrustedCertificatePaths = SplitList(value).Select(v => ConfigPaths.Normalize(v, baseDir)).ToList();
                    return true;
            }
            return false;
        }

        private static void ApplyDefaults(HamletConfig config)
        {
            var h = config.Hamlet;
            var baseDir = config.BaseDirectory;
            h.MappingFile = h.MappingFile ?? ConfigPaths.Normalize(HamletSettings.DefaultMappingFile, baseDir);
            h.Logs = h.Logs ?? ConfigPaths.Normalize(HamletSettings.DefaultLogs, baseDir);
            h.Quarantine = h.Quarantine ?? ConfigPaths.Normalize(HamletSettings.DefaultQuarantine, baseDir);
            h.Vault = h.Vault ?? ConfigPaths.Normalize(HamletSettings.DefaultVault, baseDir);
        }

        private static string KeyName(YamlNode node)
        {
            var scalar = node as YamlScalarNode;
            if (scalar == null || string.IsNullOrWhiteSpace(scalar.Value)) return null;
            return scalar.Value.Trim().ToUpperInvariant();
        }

        private static string Normalize(string value) => value.Trim().Replace("_", "").Replace("-", "").Replace("È", "E").ToUpperInvariant();

        private static bool IsNull(YamlScalarNode node)
            => node.Style == YamlDotNet.Core.ScalarStyle.Plain && (node.Value == null || node.Value == "" || node.Value == "~" || node.Value == "null" || node.Value == "Null" || node.Value == "NULL");

        private static ConfigLocation Location(YamlNode node) => new ConfigLocation((int)node.Start.Line, (int)node.Start.Column);

        private static string CleanYamlMessage(YamlException ex)
        {
            // YamlDotNet prefixes "(Line: a, Col: b, Idx: c) - (Line: …): "; the position is reported separately.
            var message = ex.Message;
            int cut = message.LastIndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith("(Line:", StringComparison.Ordinal) && cut > 0) message = message.Substring(cut + 3);
            return message.Trim();
        }

        private sealed class Context
        {
            public Context(string file, HamletConfig config, List<ConfigFinding> findings)
            {
                File = file;
                Config = config;
                Findings = findings;
            }

            public string File { get; }
            public HamletConfig Config { get; }
            public List<ConfigFinding> Findings { get; }

            public void Add(ConfigSeverity severity, YamlNode node, string key, string message)
                => Findings.Add(new ConfigFinding(severity, File, (int)node.Start.Line, (int)node.Start.Column, key, message));

            public bool Int(YamlNode node, string key, string value, int min, int max, string what, out int result)
            {
                if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out result))
                {
                    Add(ConfigSeverity.Error, node, key, "wrong type: " + key + " must be a whole number");
                    return false;
                }
                if (result < min || result > max)
                {
                    Add(ConfigSeverity.Error, node, key, key + ": " + what + " " + result + " is out of range " + min + "-" + max);
                    return false;
                }
                return true;
            }
        }
    }
}
