using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Configuration
{
    /// <summary>Writes a commented config.yaml (New-HamletConfig) that reads back with <see cref="HamletConfigLoader"/> and validates.</summary>
    public static class HamletConfigTemplate
    {
        private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

        /// <summary>The template text for a config file in <paramref name="configDirectory"/>.</summary>
        public static string Render(ConfigTemplateOptions options, string configDirectory)
        {
            options = options ?? new ConfigTemplateOptions();
            var data = options.DataFolder ?? configDirectory ?? ".";
            string Folder(string name) => Quote(Path.Combine(data, name));
            var sb = new StringBuilder();
            sb.AppendLine("# HamletPS site configuration (also readable by the Hamlet.rt Trial Processor). Keys are case-insensitive.");
            sb.AppendLine("# Paths may end with or without a separator; relative paths are relative to this file's folder.");
            sb.AppendLine("# Reference: docs/configuration.md. Check with Test-HamletConfig or 'hamlet config test'.");
            sb.AppendLine();
            sb.AppendLine("APP:");
            sb.AppendLine("  SITE: " + Quote(options.Site) + "          # one word; used only in archive names");
            sb.AppendLine("  USER: " + Quote(options.User ?? "") + "          # user's initials; used only in archive names");
            sb.AppendLine();
            sb.AppendLine("DATAPATH:");
            sb.AppendLine("  INCOMING: " + Folder("incoming") + "   # received DICOM (searched recursively)");
            sb.AppendLine("  SORTED: " + Folder("sorted") + "       # per-patient tree");
            sb.AppendLine("  OUTGOING: " + Folder("outgoing") + "   # archives waiting to be sent (never emptied by Clear-HamletFolder)");
            sb.AppendLine();
            sb.AppendLine("DICOMNODE:");
            sb.AppendLine("  AET: " + Quote(options.AeTitle) + "       # AE title of the DICOM receiver (1-16 characters)");
            sb.AppendLine("  PORT: " + options.Port + "          # TCP port of the DICOM receiver (1-65535)");
            sb.AppendLine();
            sb.AppendLine("CIPHER:");
            sb.AppendLine("  # The site key. Prefer the environment variable HAMLET_FOLDERKEY or a key file to a plain-text FOLDERKEY.");
            sb.AppendLine("  # With PSEUDONYM: VIGENERE it must be letters/digits and longer than the longest MRN in mapping.csv.");
            if (options.KeyFile != null) sb.AppendLine("  FOLDERKEYFILE: " + Quote(options.KeyFile));
            else sb.AppendLine("  # FOLDERKEYFILE: folderkey.txt");
            sb.AppendLine("  # FOLDERKEY: ");
            sb.AppendLine();
            sb.AppendLine("AZURE:");
            sb.AppendLine("  # Storage settings from the trial team. Every key is kept; these names are understood:");
            sb.AppendLine("  # ACCOUNTNAME, SHARENAME, DIRECTORY, URL, CONNECTIONSTRING, SAS, KEY (or KEYFILE, or $HAMLET_STORAGE_KEY).");
            sb.AppendLine("  # ACCOUNTNAME: hamletrtmysite");
            sb.AppendLine("  # SHARENAME: mysite-incoming");
            sb.AppendLine();
            sb.AppendLine("# PACS: the PACS or planning system 'hamlet process' pulls new studies of the trial's patients from (C-FIND, then");
            sb.AppendLine("# C-GET or C-MOVE into INCOMING). Uncomment to turn the pull step on; it runs only when HOST and AET are set.");
            sb.AppendLine("# PACS:");
            sb.AppendLine("#   AET: PACS                        # the PACS's AE title");
            sb.AppendLine("#   HOST: pacs.example.org");
            sb.AppendLine("#   PORT: " + PacsSettings.DefaultPort);
            sb.AppendLine("#   METHOD: GET                      # GET (the PACS needs no entry for us) or MOVE (to DICOMNODE.AET, which must be running)");
            sb.AppendLine("#   MODALITIES: CT, RTSTRUCT, RTPLAN, RTDOSE");
            sb.AppendLine("#   SINCE: " + PacsSettings.DefaultSinceDays + "                        # studies of the last N days");
            sb.AppendLine("#   # TLS: true                      # DICOM TLS to the PACS; trust its certificate (or CA):");
            sb.AppendLine("#   # TRUSTEDCERTIFICATEFILES: pacs-ca.pem");
            sb.AppendLine("#   # CERTIFICATEFILE: site.pem      # our client certificate, when the PACS demands one (PEM with KEYFILE, or PFX)");
            sb.AppendLine("#   # KEYFILE: site.key");
            sb.AppendLine();
            sb.AppendLine("HAMLET:");
            sb.AppendLine("  PROFILE: " + HamletSettings.DefaultProfile + "                 # de-identification profile name or YAML file");
            sb.AppendLine("  # MAPPINGFILE: " + HamletSettings.DefaultMappingFile + "         # MRN,Study_ID lookup table (site only; default mapping.csv here, used when present; once set, it must exist)");
            sb.AppendLine("  LOOKUPKEY: AUTO                     # AUTO, MRN or ACCESSIONNUMBER (coupling list)");
            sb.AppendLine("  # STUDYIDPATTERN: '^\\d{3}_\\d{4}$'   # every Study ID must match");
            sb.AppendLine("  PSEUDONYM: FF1                      # FF1 (default) or VIGENERE (the earlier tool's cipher)");
            sb.AppendLine("  ARCHIVENAME: '" + HamletSettings.DefaultArchiveName + "'  # {SITE} {USER} {UUID} {DATE} {TIME} {STUDYID}");
            sb.AppendLine("  LOGS: " + HamletSettings.DefaultLogs + "                          # run journals");
            sb.AppendLine("  QUARANTINE: " + HamletSettings.DefaultQuarantine + "              # unreadable files, with a reason file");
            sb.AppendLine("  VAULT: " + HamletSettings.DefaultVault + "                        # re-identification records: site only, never archived");
            sb.AppendLine("  # SITEKEYFILE: site.key             # separate site secret (else the folder key is used)");
            sb.AppendLine("  # UIDROOT: '2.25'                   # root of new UIDs");
            sb.AppendLine("  # DATEOFFSETMIN: -365               # per-patient date shift range in days");
            sb.AppendLine("  # DATEOFFSETMAX: -30");
            sb.AppendLine();
            sb.AppendLine("UPLOAD:");
            sb.AppendLine("  PARALLELISM: " + UploadSettings.DefaultParallelism + "                      # ranges sent at once (1-64)");
            sb.AppendLine("  RANGESIZE: " + UploadSettings.DefaultRangeSize + "                  # bytes per range (4096-4194304)");
            sb.AppendLine("  RETRIES: " + UploadSettings.DefaultRetries + "                          # attempts per range");
            return sb.ToString();
        }

        /// <summary>Writes the template (temporary name, then rename), creating folders and a key file as the options ask. Returns the full path.</summary>
        public static string Write(string path, ConfigTemplateOptions options = null)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentNullException(nameof(path));
            options = options ?? new ConfigTemplateOptions();
            var full = Path.GetFullPath(path);
            var dir = Path.GetDirectoryName(full);
            if (File.Exists(full) && !options.Force)
                throw new HamletException(ErrorIds.ConfigExists, "The configuration file " + full + " already exists.", null, "Replace it with {Force}.");
            Directory.CreateDirectory(dir);
            var text = Render(options, dir);

            if (options.CreateFolders)
            {
                var data = ConfigPaths.Normalize(options.DataFolder ?? dir, dir);
                foreach (var name in new[] { "incoming", "sorted", "outgoing" }) Directory.CreateDirectory(Path.Combine(data, name));
            }
            if (options.KeyFile != null)
            {
                var keyPath = ConfigPaths.Normalize(options.KeyFile, dir);
                if (!File.Exists(keyPath)) WriteAtomically(keyPath, NewKey() + Environment.NewLine);
            }
            WriteAtomically(full, text);
            return full;
        }

        /// <summary>32 random letters and digits (about 190 bits), valid for both FF1 (as site secret) and Vigenère.</summary>
        public static string NewKey()
        {
            var chars = new char[32];
            var buffer = new byte[1];
            using (var rng = RandomNumberGenerator.Create())
            {
                for (int i = 0; i < chars.Length;)
                {
                    rng.GetBytes(buffer);
                    if (buffer[0] >= 248) continue; // 248 = 4 * 62: unbiased
                    chars[i++] = KeyAlphabet[buffer[0] % 62];
                }
            }
            return new string(chars);
        }

        private static void WriteAtomically(string path, string text)
        {
            var temp = TemporaryFileName.Beside(path);
            try
            {
                File.WriteAllText(temp, text, new UTF8Encoding(false));
                if (File.Exists(path)) File.Delete(path);
                File.Move(temp, path);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }

        private static string Quote(string value)
        {
            value = value ?? "";
            return "'" + value.Replace("'", "''") + "'";
        }
    }
}
