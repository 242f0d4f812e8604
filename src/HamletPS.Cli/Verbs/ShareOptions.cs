using System;
using System.CommandLine;
using System.IO;
using HamletPS.Core.Upload;

namespace HamletPS.Cli.Verbs
{
    /// <summary>
    /// The authentication and configuration options shared by `hamlet send-azure` and `hamlet list-azure`, named like the
    /// cmdlets' parameters. What is not given comes from the environment and the site configuration (ShareConnectionResolver).
    /// </summary>
    public sealed class ShareOptions
    {
        public Option<string> ConnectionString { get; } = new Option<string>("--connection-string") { Description = "Azure Storage connection string (better: $HAMLET_STORAGE_CONNECTION_STRING)." };
        public Option<string> SasUrl { get; } = new Option<string>("--sas-url") { Description = "SAS URL of the service, share or directory." };
        public Option<string> SasToken { get; } = new Option<string>("--sas-token") { Description = "SAS token, with --endpoint or --account-name (better: $HAMLET_STORAGE_SAS)." };
        public Option<string> Endpoint { get; } = new Option<string>("--endpoint") { Description = "File service URL (default https://<account>.file.core.windows.net/)." };
        public Option<string> AccountName { get; } = new Option<string>("--account-name") { Description = "Storage account name." };
        public Option<string> AccountKey { get; } = new Option<string>("--account-key") { Description = "Storage account key (visible to other users in the process list: prefer $HAMLET_STORAGE_KEY or --credential)." };
        public Option<string> Credential { get; } = new Option<string>("--credential") { Description = "A credentials file (username=<account>, password=<key> lines, as mount.cifs reads)." };
        public Option<string> AccessToken { get; } = new Option<string>("--access-token") { Description = "Microsoft Entra ID access token for Azure Storage, with --account-name or --endpoint (visible in the process list: prefer --access-token-file or $HAMLET_AZURE_ACCESS_TOKEN)." };
        public Option<string> AccessTokenFile { get; } = new Option<string>("--access-token-file") { Description = "A file holding a Microsoft Entra ID access token (e.g. az account get-access-token --resource https://storage.azure.com/ --query accessToken -o tsv)." };
        public Option<string> ConfigPath { get; } = new Option<string>("--config-path") { Description = "Site configuration (default $HAMLET_CONFIG, else ./config.yaml)." };

        public void AddTo(Command command)
        {
            foreach (Option option in new Option[] { ConnectionString, SasUrl, SasToken, Endpoint, AccountName, AccountKey, Credential, AccessToken, AccessTokenFile, ConfigPath })
                command.Options.Add(option);
        }

        /// <summary>The request for Core; reads the --credential file (its password never leaves the request).</summary>
        public ShareConnectionRequest Build(ParseResult parse, string share, string directory, string target)
        {
            var request = new ShareConnectionRequest
            {
                ConnectionString = parse.GetValue(ConnectionString),
                SasUrl = parse.GetValue(SasUrl),
                SasToken = parse.GetValue(SasToken),
                Endpoint = parse.GetValue(Endpoint),
                AccountName = parse.GetValue(AccountName),
                AccountKeyText = parse.GetValue(AccountKey),
                AccessTokenText = parse.GetValue(AccessToken),
                ConfigPath = parse.GetValue(ConfigPath),
                Share = share,
                Directory = directory,
                Target = target,
            };
            string credential = parse.GetValue(Credential);
            if (!string.IsNullOrEmpty(credential)) ApplyCredentialFile(request, credential);
            string tokenFile = parse.GetValue(AccessTokenFile);
            if (!string.IsNullOrEmpty(tokenFile)) ApplyAccessTokenFile(request, tokenFile);
            return request;
        }

        /// <summary>Reads an access token file (the token, surrounding white space ignored) into the request; never shows its content.</summary>
        public static void ApplyAccessTokenFile(ShareConnectionRequest request, string path)
        {
            if (!File.Exists(path)) throw new ShareConfigurationException("InvalidShareConnection", "The access token file '" + path + "' does not exist.");
            if (!string.IsNullOrEmpty(request.AccessTokenText))
                throw new ShareConfigurationException("AmbiguousCredentials", "Give either --access-token or --access-token-file, not both.");
            string token = File.ReadAllText(path).Trim();
            if (token.Length == 0) throw new ShareConfigurationException("InvalidShareConnection", "The access token file '" + path + "' is empty.");
            request.AccessTokenText = token;
        }

        /// <summary>Reads `username=` and `password=` lines (mount.cifs credentials file format) into the request.</summary>
        public static void ApplyCredentialFile(ShareConnectionRequest request, string path)
        {
            if (!File.Exists(path)) throw new ShareConfigurationException("InvalidShareConnection", "The credentials file '" + path + "' does not exist.");
            foreach (string raw in File.ReadAllLines(path))
            {
                string line = raw.Trim();
                int eq = line.IndexOf('=');
                if (eq <= 0) continue;
                string key = line.Substring(0, eq).Trim();
                string value = line.Substring(eq + 1).Trim();
                if (key.Equals("username", StringComparison.OrdinalIgnoreCase) || key.Equals("user", StringComparison.OrdinalIgnoreCase))
                {
                    if (string.IsNullOrEmpty(request.AccountName))
                    {
                        int slash = value.LastIndexOf('\\');
                        request.AccountName = slash >= 0 ? value.Substring(slash + 1) : value;
                    }
                }
                else if (key.Equals("password", StringComparison.OrdinalIgnoreCase) || key.Equals("pass", StringComparison.OrdinalIgnoreCase))
                {
                    request.AccountKeyText = value;
                }
            }
            if (string.IsNullOrEmpty(request.AccountKeyText))
                throw new ShareConfigurationException("InvalidShareConnection", "The credentials file '" + path + "' has no password= line.");
        }
    }
}
