using System;
using System.IO;
using System.Text;
using HamletPS.Core.Configuration;

namespace HamletPS.Core.Secrets
{
    /// <summary>
    /// Where secrets come from, first match wins (explicit parameters override the file; plain text in YAML is optional):
    /// <list type="bullet">
    /// <item>Folder key (Vigenère): parameter; $HAMLET_FOLDERKEY; CIPHER.FOLDERKEYFILE (first line); CIPHER.FOLDERKEY.</item>
    /// <item>Site secret (FF1, UIDs, dates, vault): parameter; $HAMLET_SITE_KEY; HAMLET.SITEKEYFILE; else the folder key.</item>
    /// <item>Storage account key: parameter; $HAMLET_STORAGE_KEY; AZURE.KEYFILE; AZURE.KEY/ACCOUNTKEY.</item>
    /// <item>Storage connection string / SAS: $HAMLET_STORAGE_CONNECTION_STRING / $HAMLET_STORAGE_SAS; else AZURE.CONNECTIONSTRING / SAS.</item>
    /// </list>
    /// The <c>environment</c> function defaults to the process environment (tests pass their own).
    /// </summary>
    public static class HamletSecrets
    {
        public const string FolderKeyVariable = "HAMLET_FOLDERKEY";
        public const string SiteKeyVariable = "HAMLET_SITE_KEY";
        public const string StorageKeyVariable = "HAMLET_STORAGE_KEY";
        public const string StorageConnectionStringVariable = "HAMLET_STORAGE_CONNECTION_STRING";
        public const string StorageSasVariable = "HAMLET_STORAGE_SAS";
        public const string ConfigPathVariable = "HAMLET_CONFIG";

        /// <summary>The folder key, or null when none is configured anywhere.</summary>
        public static SecretValue ResolveFolderKey(HamletConfig config, char[] explicitValue = null, Func<string, string> environment = null)
        {
            environment = environment ?? Environment.GetEnvironmentVariable;
            if (explicitValue != null && explicitValue.Length > 0) return new SecretValue((char[])explicitValue.Clone(), "parameter");
            var env = environment(FolderKeyVariable);
            if (!string.IsNullOrEmpty(env)) return new SecretValue(env.Trim().ToCharArray(), "environment variable " + FolderKeyVariable);
            if (config?.Cipher.FolderKeyFile != null)
                return new SecretValue(ReadKeyFileLine(config.Cipher.FolderKeyFile), "key file " + config.Cipher.FolderKeyFile, "CIPHER.FOLDERKEYFILE");
            if (!string.IsNullOrEmpty(config?.Cipher.FolderKey))
                return new SecretValue(config.Cipher.FolderKey.ToCharArray(), Describe(config) + " CIPHER.FOLDERKEY", "CIPHER.FOLDERKEY");
            return null;
        }

        /// <summary>The site secret for <see cref="SiteKeys"/>; throws a <see cref="HamletException"/> (SiteKeyRequired) naming every place looked when there is none.</summary>
        public static SiteSecret ResolveSiteSecret(HamletConfig config, byte[] explicitValue = null, Func<string, string> environment = null)
        {
            environment = environment ?? Environment.GetEnvironmentVariable;
            if (explicitValue != null && explicitValue.Length > 0) return SiteSecret.FromBytes(explicitValue);
            var env = environment(SiteKeyVariable);
            if (!string.IsNullOrEmpty(env)) return SiteSecret.FromKeyText(env, "environment variable " + SiteKeyVariable);
            if (config?.Hamlet.SiteKeyFile != null) return SiteSecret.FromKeyFile(config.Hamlet.SiteKeyFile);
            var folderKey = ResolveFolderKey(config, null, environment);
            if (folderKey != null)
            {
                var chars = folderKey.ToCharArray();
                folderKey.Clear();
                return SiteSecret.FromChars(chars, clearInput: true, source: folderKey.Source);
            }
            throw new HamletException(ErrorIds.SiteKeyRequired, "No site key is configured: none was given, " + SiteKeyVariable + " and " + FolderKeyVariable +
                " are not set, and the config file sets none of HAMLET SITEKEYFILE, CIPHER FOLDERKEYFILE or FOLDERKEY.", null,
                "Give {Key}, or set one of those.");
        }

        /// <summary>The storage account key, or null.</summary>
        public static SecretValue ResolveStorageKey(HamletConfig config, char[] explicitValue = null, Func<string, string> environment = null)
        {
            environment = environment ?? Environment.GetEnvironmentVariable;
            if (explicitValue != null && explicitValue.Length > 0) return new SecretValue((char[])explicitValue.Clone(), "parameter");
            var env = environment(StorageKeyVariable);
            if (!string.IsNullOrEmpty(env)) return new SecretValue(env.Trim().ToCharArray(), "environment variable " + StorageKeyVariable);
            var file = config?.Azure.KeyFile;
            if (file != null)
            {
                file = ConfigPaths.Normalize(file, config.BaseDirectory);
                return new SecretValue(ReadKeyFileLine(file), "key file " + file, "AZURE.KEYFILE");
            }
            if (config?.Azure.AccountKey != null) return new SecretValue(config.Azure.AccountKey.ToCharArray(), Describe(config) + " AZURE key", "AZURE");
            return null;
        }

        public static SecretValue ResolveStorageConnectionString(HamletConfig config, Func<string, string> environment = null)
            => FromEnvOrConfig(StorageConnectionStringVariable, config?.Azure.ConnectionString, config, "AZURE connection string", environment);

        public static SecretValue ResolveStorageSas(HamletConfig config, Func<string, string> environment = null)
            => FromEnvOrConfig(StorageSasVariable, config?.Azure.Sas, config, "AZURE SAS", environment);

        private static SecretValue FromEnvOrConfig(string variable, string configValue, HamletConfig config, string what, Func<string, string> environment)
        {
            environment = environment ?? Environment.GetEnvironmentVariable;
            var env = environment(variable);
            if (!string.IsNullOrEmpty(env)) return new SecretValue(env.Trim().ToCharArray(), "environment variable " + variable);
            return configValue == null ? null : new SecretValue(configValue.ToCharArray(), Describe(config) + " " + what, "AZURE");
        }

        private static string Describe(HamletConfig config) => config.SourcePath == null ? "config" : Path.GetFileName(config.SourcePath);

        private static char[] ReadKeyFileLine(string path)
        {
            if (!File.Exists(path)) throw new FileNotFoundException("The key file does not exist.", path);
            var raw = File.ReadAllBytes(path);
            try
            {
                var line = SiteSecret.KeyFileFirstLine(raw, path);
                if (line == null) throw new InvalidOperationException("The key file " + path + " is empty.");
                return line.ToCharArray();
            }
            finally { Array.Clear(raw, 0, raw.Length); }
        }
    }
}
