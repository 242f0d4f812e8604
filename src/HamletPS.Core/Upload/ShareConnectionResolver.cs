using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HamletPS.Core.Configuration;
using HamletPS.Core.Secrets;

namespace HamletPS.Core.Upload
{
    /// <summary>
    /// Turns what a cmdlet or verb was given into a <see cref="ResolvedShare"/>. Explicit values win; whatever is missing comes
    /// from the environment ($HAMLET_AZURE_ACCESS_TOKEN first, then $HAMLET_STORAGE_CONNECTION_STRING, $HAMLET_STORAGE_SAS,
    /// $HAMLET_STORAGE_KEY) and the AZURE section
    /// of the site configuration (-ConfigPath, else $HAMLET_CONFIG, else config.yaml in the current folder), in the order of
    /// <see cref="HamletSecrets"/>. Every failure is a <see cref="ShareConfigurationException"/> without any secret in it.
    /// </summary>
    public static class ShareConnectionResolver
    {
        /// <summary>Environment variable holding a Microsoft Entra ID access token for Azure Storage (used before any other implicit credential).</summary>
        public const string AccessTokenVariable = "HAMLET_AZURE_ACCESS_TOKEN";

        /// <summary>Resolves the connection and the target (share/directory).</summary>
        public static ResolvedShare Resolve(ShareConnectionRequest request)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            var env = request.Environment ?? System.Environment.GetEnvironmentVariable;
            string configPath = LocateConfig(request, env);
            HamletConfig config = null;
            Func<HamletConfig> loadConfig = () => config ?? (config = configPath == null ? null : Load(configPath));
            ShareConnection connection;
            try
            {
                connection = Connect(request, env, loadConfig);
            }
            catch (ArgumentException ex)
            {
                throw new ShareConfigurationException("InvalidShareConnection", SecretRedactor.Redact(ex.Message, SecretsOf(request)));
            }
            ShareTarget target = TargetOf(request, connection, loadConfig);
            return new ResolvedShare(connection, target, configPath, config);
        }

        /// <summary>
        /// The default folder for upload ledgers: <c>state/upload-ledgers</c> beside the configuration file when there is one,
        /// else %LOCALAPPDATA%\HamletPS\upload-ledgers on Windows or $XDG_STATE_HOME/hamletps/upload-ledgers
        /// (~/.local/state/hamletps/upload-ledgers) elsewhere.
        /// </summary>
        public static string DefaultLedgerFolder(string configPath, Func<string, string> environment = null)
        {
            var env = environment ?? System.Environment.GetEnvironmentVariable;
            if (!string.IsNullOrEmpty(configPath))
                return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath)) ?? ".", "state", "upload-ledgers");
            string local = env("LOCALAPPDATA");
            if (!string.IsNullOrEmpty(local)) return Path.Combine(local, "HamletPS", "upload-ledgers");
            string xdg = env("XDG_STATE_HOME");
            if (!string.IsNullOrEmpty(xdg)) return Path.Combine(xdg, "hamletps", "upload-ledgers");
            string home = env("HOME");
            if (string.IsNullOrEmpty(home)) home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
            return Path.Combine(home, ".local", "state", "hamletps", "upload-ledgers");
        }

        /// <summary>The configuration file to use, or null when none was asked for and none is found. An explicit path or
        /// $HAMLET_CONFIG that does not exist is an error (never silently replaced).</summary>
        public static string LocateConfig(ShareConnectionRequest request, Func<string, string> environment = null)
        {
            var env = environment ?? request.Environment ?? System.Environment.GetEnvironmentVariable;
            string found = HamletConfigLocator.TryResolve(request.ConfigPath, request.CurrentDirectory, env, out IReadOnlyList<string> tried);
            if (found == null && (!string.IsNullOrWhiteSpace(request.ConfigPath) || !string.IsNullOrWhiteSpace(env(HamletSecrets.ConfigPathVariable))))
                throw new ShareConfigurationException("ConfigNotFound", "The configuration file does not exist (tried " + string.Join(", ", tried) + ").");
            return found;
        }

        private static HamletConfig Load(string path)
        {
            try
            {
                return HamletConfigLoader.Load(path);
            }
            catch (HamletConfigException ex)
            {
                throw new ShareConfigurationException("InvalidConfig", ex.File + ":" + ex.Line + ": " + ex.Reason);
            }
            catch (IOException ex)
            {
                throw new ShareConfigurationException("InvalidConfig", "The configuration file '" + path + "' cannot be read: " + ex.Message);
            }
        }

        private static ShareConnection Connect(ShareConnectionRequest r, Func<string, string> env, Func<HamletConfig> config)
        {
            var given = new List<string>();
            if (!string.IsNullOrEmpty(r.ConnectionString)) given.Add("a connection string");
            if (!string.IsNullOrEmpty(r.SasUrl)) given.Add("a SAS URL");
            if (!string.IsNullOrEmpty(r.SasToken)) given.Add("a SAS token");
            if (r.AccountKey != null || !string.IsNullOrEmpty(r.AccountKeyText)) given.Add("an account key");
            if (r.AccessToken != null || !string.IsNullOrEmpty(r.AccessTokenText)) given.Add("an access token");
            if (given.Count > 1)
                throw new ShareConfigurationException("AmbiguousCredentials", "Give one way to authenticate, not " + string.Join(" and ", given) + ".");

            if (!string.IsNullOrEmpty(r.ConnectionString)) return ShareConnection.FromConnectionString(r.ConnectionString);
            if (!string.IsNullOrEmpty(r.SasUrl)) return ShareConnection.FromSasUrl(r.SasUrl);
            if (!string.IsNullOrEmpty(r.SasToken)) return ShareConnection.FromSasToken(EndpointFor(r.Endpoint, r.AccountName, config), r.SasToken);
            if (r.AccountKey != null) return ShareConnection.FromAccountKey(RequireAccount(r.AccountName, config), r.AccountKey, EndpointOrNull(r.Endpoint, config));
            if (!string.IsNullOrEmpty(r.AccountKeyText)) return ShareConnection.FromAccountKey(RequireAccount(r.AccountName, config), r.AccountKeyText, EndpointOrNull(r.Endpoint, config));
            if (r.AccessToken != null) return FromAccessToken(r, config, (account, endpoint) => ShareConnection.FromAccessToken(account, r.AccessToken, endpoint));
            if (!string.IsNullOrEmpty(r.AccessTokenText)) return FromAccessToken(r, config, (account, endpoint) => ShareConnection.FromAccessToken(account, r.AccessTokenText, endpoint));

            // Nothing explicit: an access token in the environment (set on purpose for this session), then the other
            // variables and the AZURE section, in HamletSecrets' order.
            string token = env(AccessTokenVariable);
            if (!string.IsNullOrWhiteSpace(token)) return FromAccessToken(r, config, (account, endpoint) => ShareConnection.FromAccessToken(account, token, endpoint));
            if (!string.IsNullOrEmpty(r.AccountName))
                return FromStorageKey(r.AccountName, r.Endpoint, env, config);
            SecretValue cs = HamletSecrets.ResolveStorageConnectionString(SafeConfig(config, env, HamletSecrets.StorageConnectionStringVariable), env);
            if (cs != null) return Use(cs, ShareConnection.FromConnectionString);
            SecretValue sas = HamletSecrets.ResolveStorageSas(SafeConfig(config, env, HamletSecrets.StorageSasVariable), env);
            if (sas != null)
            {
                return Use(sas, text => text.StartsWith("http", StringComparison.OrdinalIgnoreCase)
                    ? ShareConnection.FromSasUrl(text)
                    : ShareConnection.FromSasToken(EndpointFor(r.Endpoint, r.AccountName, config), text));
            }
            string account = config()?.Azure.AccountName;
            if (account != null) return FromStorageKey(account, r.Endpoint, env, config);
            throw new ShareConfigurationException("NoStorageCredentials",
                "No storage credentials: pass -ConnectionString, -SasUrl, -SasToken, -AccessToken, or -AccountName with -AccountKey or -Credential; set " +
                AccessTokenVariable + ", " +
                HamletSecrets.StorageConnectionStringVariable + ", " + HamletSecrets.StorageSasVariable + " or " + HamletSecrets.StorageKeyVariable +
                "; or fill in the AZURE section of the site configuration (" + (config() == null ? "none found" : config().SourcePath) + ").");
        }

        private static ShareConnection FromAccessToken(ShareConnectionRequest r, Func<HamletConfig> config, Func<string, string, ShareConnection> create)
        {
            string endpoint = EndpointOrNull(r.Endpoint, config);
            string account = !string.IsNullOrEmpty(r.AccountName) ? r.AccountName : config()?.Azure.AccountName;
            if (endpoint == null && string.IsNullOrEmpty(account))
                throw new ShareConfigurationException("NoStorageCredentials", "An access token needs the storage account name (-AccountName, or AZURE ACCOUNTNAME in the site configuration) or the File service URL (-Endpoint).");
            return create(account, endpoint);
        }

        /// <summary>The configuration only when the environment variable does not already answer (so a broken config file does not
        /// block an explicit environment setting).</summary>
        private static HamletConfig SafeConfig(Func<HamletConfig> config, Func<string, string> env, string variable) =>
            string.IsNullOrEmpty(env(variable)) ? config() : null;

        private static ShareConnection FromStorageKey(string account, string endpoint, Func<string, string> env, Func<HamletConfig> config)
        {
            HamletConfig c = string.IsNullOrEmpty(env(HamletSecrets.StorageKeyVariable)) ? config() : null;
            SecretValue key;
            try { key = HamletSecrets.ResolveStorageKey(c, null, env); }
            catch (FileNotFoundException ex) { throw new ShareConfigurationException("InvalidConfig", "The storage key file '" + ex.FileName + "' does not exist."); }
            if (key == null)
                throw new ShareConfigurationException("NoStorageCredentials", "No key for storage account '" + account + "': pass -AccountKey or -Credential, set " +
                    HamletSecrets.StorageKeyVariable + ", or set AZURE KEYFILE/KEY in the site configuration.");
            return Use(key, text => ShareConnection.FromAccountKey(account, text, EndpointOrNull(endpoint, config)));
        }

        private static ShareConnection Use(SecretValue secret, Func<string, ShareConnection> create)
        {
            try { return create(secret.Reveal()); }
            finally { secret.Clear(); }
        }

        private static string RequireAccount(string account, Func<HamletConfig> config)
        {
            string name = !string.IsNullOrEmpty(account) ? account : config()?.Azure.AccountName;
            if (string.IsNullOrEmpty(name))
                throw new ShareConfigurationException("NoStorageCredentials", "An account key needs the storage account name (-AccountName, or AZURE ACCOUNTNAME in the site configuration).");
            return name;
        }

        private static string EndpointOrNull(string endpoint, Func<HamletConfig> config) =>
            !string.IsNullOrEmpty(endpoint) ? endpoint : config()?.Azure.Url;

        private static string EndpointFor(string endpoint, string account, Func<HamletConfig> config)
        {
            string e = EndpointOrNull(endpoint, config);
            if (e != null) return e;
            string name = !string.IsNullOrEmpty(account) ? account : config()?.Azure.AccountName;
            if (string.IsNullOrEmpty(name))
                throw new ShareConfigurationException("InvalidShareConnection", "A SAS token needs the File service URL (-Endpoint) or the storage account name (-AccountName).");
            return "https://" + name + ".file.core.windows.net/";
        }

        private static ShareTarget TargetOf(ShareConnectionRequest r, ShareConnection connection, Func<HamletConfig> config)
        {
            try
            {
                if (!string.IsNullOrWhiteSpace(r.Target))
                {
                    if (!string.IsNullOrWhiteSpace(r.Share))
                        throw new ShareConfigurationException("AmbiguousTarget", "Give either -Target or -Share/-Directory, not both.");
                    ShareTarget t = ShareTarget.Parse(r.Target);
                    return string.IsNullOrWhiteSpace(r.Directory) ? t : t.Subdirectory(r.Directory);
                }
                if (!string.IsNullOrWhiteSpace(r.Share)) return new ShareTarget(r.Share.Trim().Trim('/', '\\'), r.Directory);
                ShareTarget fromSas = connection.DefaultTarget;
                if (fromSas != null)
                    return string.IsNullOrWhiteSpace(r.Directory) ? fromSas : new ShareTarget(fromSas.ShareName, r.Directory);
                AzureSettings azure = config()?.Azure;
                if (azure?.ShareName != null)
                {
                    ShareTarget t = ShareTarget.Parse(azure.ShareName);
                    if (!string.IsNullOrWhiteSpace(r.Directory)) return new ShareTarget(t.ShareName, r.Directory);
                    return azure.Directory == null ? t : t.Subdirectory(azure.Directory);
                }
            }
            catch (ArgumentException ex)
            {
                throw new ShareConfigurationException("InvalidShareTarget", ex.Message);
            }
            throw new ShareConfigurationException("NoShareName", "No share given: pass -Share (and -Directory) or -Target, or set AZURE SHARENAME in the site configuration.");
        }

        private static IEnumerable<string> SecretsOf(ShareConnectionRequest r) =>
            new[] { r.ConnectionString, r.SasUrl, r.SasToken, r.AccountKeyText, r.AccessTokenText }.Where(s => !string.IsNullOrEmpty(s));
    }
}
