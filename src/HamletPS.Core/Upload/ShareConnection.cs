using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Runtime.InteropServices;
using System.Security;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage;
using Azure.Storage.Files.Shares;
using Azure.Storage.Files.Shares.Models;

namespace HamletPS.Core.Upload
{
    /// <summary>
    /// Credentials and endpoint for one storage account's File service: a connection string, a SAS URL or token, an
    /// account name + key, or a Microsoft Entra ID access token. Builds the SDK clients (path-style for IP endpoints such as the local test endpoint
    /// <c>http://127.0.0.1:PORT/account</c>) and knows its own secrets so every message can be redacted.
    /// <see cref="ToString"/> and <see cref="ServiceUri"/> never contain a secret.
    /// </summary>
    public sealed class ShareConnection
    {
        private readonly string _connectionString;
        private readonly string _sasToken;
        private readonly StorageSharedKeyCredential _sharedKey;
        private TokenCredential _token;
        private readonly List<string> _secrets = new List<string>();

        private ShareConnection(ShareConnectionKind kind, Uri serviceUri, string accountName, string connectionString, string sasToken,
            StorageSharedKeyCredential sharedKey, ShareTarget defaultTarget)
        {
            Kind = kind;
            ServiceUri = SecretRedactor.StripSecrets(serviceUri);
            AccountName = accountName;
            _connectionString = connectionString;
            _sasToken = sasToken;
            _sharedKey = sharedKey;
            DefaultTarget = defaultTarget;
        }

        public ShareConnectionKind Kind { get; }
        /// <summary>The File service endpoint without any secret, e.g. https://hamletrtsite.file.core.windows.net/.</summary>
        public Uri ServiceUri { get; }
        public string AccountName { get; }
        /// <summary>The share/directory named by a SAS URL, if it named one.</summary>
        public ShareTarget DefaultTarget { get; }

        /// <summary>From an Azure Storage connection string (AccountName/AccountKey, or SharedAccessSignature, with FileEndpoint or EndpointSuffix).</summary>
        public static ShareConnection FromConnectionString(string connectionString)
        {
            if (string.IsNullOrWhiteSpace(connectionString)) throw new ArgumentException("The connection string is empty.", nameof(connectionString));
            var parts = ParseConnectionString(connectionString);
            parts.TryGetValue("AccountName", out string account);
            parts.TryGetValue("AccountKey", out string key);
            parts.TryGetValue("SharedAccessSignature", out string sas);
            Uri endpoint;
            if (parts.TryGetValue("FileEndpoint", out string fileEndpoint))
            {
                if (!Uri.TryCreate(fileEndpoint, UriKind.Absolute, out endpoint))
                    throw new ArgumentException("The connection string's FileEndpoint is not an absolute URI.", nameof(connectionString));
            }
            else
            {
                if (string.IsNullOrEmpty(account)) throw new ArgumentException("The connection string has neither AccountName nor FileEndpoint.", nameof(connectionString));
                string protocol = parts.TryGetValue("DefaultEndpointsProtocol", out string p) ? p : "https";
                string suffix = parts.TryGetValue("EndpointSuffix", out string s) ? s : "core.windows.net";
                endpoint = new Uri(protocol + "://" + account + ".file." + suffix + "/");
            }
            if (string.IsNullOrEmpty(key) && string.IsNullOrEmpty(sas))
                throw new ArgumentException("The connection string has neither AccountKey nor SharedAccessSignature.", nameof(connectionString));
            if (!string.IsNullOrEmpty(key)) ValidateKey(key);
            var c = new ShareConnection(ShareConnectionKind.ConnectionString, endpoint, account ?? AccountFromUri(endpoint), connectionString, null, null, null);
            c.AddSecret(key);
            c.AddSecret(sas == null ? null : sas.TrimStart('?'));
            c.AddSecret(SignatureOf(sas));
            return c;
        }

        /// <summary>From a SAS URL: a service, share or directory URL with the SAS as its query (the share/directory become <see cref="DefaultTarget"/>).</summary>
        public static ShareConnection FromSasUrl(string sasUrl)
        {
            if (!Uri.TryCreate(sasUrl, UriKind.Absolute, out Uri uri) || string.IsNullOrEmpty(uri.Query) || uri.Query.Length < 2)
                throw new ArgumentException("The SAS URL must be an absolute URL with the SAS token as its query.", nameof(sasUrl));
            return FromSasToken(SecretRedactor.StripSecrets(uri).ToString(), uri.Query);
        }

        /// <summary>From an endpoint (service, share or directory URL) and a separate SAS token (with or without the leading '?').</summary>
        public static ShareConnection FromSasToken(string url, string sasToken)
        {
            if (string.IsNullOrWhiteSpace(sasToken)) throw new ArgumentException("The SAS token is empty.", nameof(sasToken));
            if (!Uri.TryCreate(url, UriKind.Absolute, out Uri uri)) throw new ArgumentException("The URL must be absolute.", nameof(url));
            string token = sasToken.Trim().TrimStart('?');
            if (token.IndexOf("sig=", StringComparison.OrdinalIgnoreCase) < 0) throw new ArgumentException("The SAS token has no signature (sig=).", nameof(sasToken));
            var builder = new ShareUriBuilder(SecretRedactor.StripSecrets(uri));
            ShareTarget target = string.IsNullOrEmpty(builder.ShareName) ? null : new ShareTarget(builder.ShareName, builder.DirectoryOrFilePath);
            builder.ShareName = null;
            builder.DirectoryOrFilePath = null;
            builder.Sas = null;
            builder.Query = null;
            var c = new ShareConnection(ShareConnectionKind.SasToken, builder.ToUri(), builder.AccountName, null, token, null, target);
            c.AddSecret(token);
            c.AddSecret(SignatureOf(token));
            return c;
        }

        /// <summary>From an account name and key; endpoint defaults to https://&lt;account&gt;.file.core.windows.net/.</summary>
        public static ShareConnection FromAccountKey(string accountName, string accountKey, string endpoint = null)
        {
            if (string.IsNullOrWhiteSpace(accountName)) throw new ArgumentException("The account name is empty.", nameof(accountName));
            ValidateKey(accountKey);
            Uri uri = endpoint == null ? new Uri("https://" + accountName + ".file.core.windows.net/")
                : Uri.TryCreate(endpoint, UriKind.Absolute, out Uri e) ? e : throw new ArgumentException("The endpoint must be an absolute URI.", nameof(endpoint));
            var c = new ShareConnection(ShareConnectionKind.AccountKey, uri, accountName, null, null, new StorageSharedKeyCredential(accountName, accountKey), null);
            c.AddSecret(accountKey);
            return c;
        }

        /// <summary>From an account name and a key held in a SecureString (PowerShell's PSCredential password).</summary>
        public static ShareConnection FromAccountKey(string accountName, SecureString accountKey, string endpoint = null)
        {
            if (accountKey == null) throw new ArgumentNullException(nameof(accountKey));
            IntPtr p = Marshal.SecureStringToGlobalAllocUnicode(accountKey);
            try { return FromAccountKey(accountName, Marshal.PtrToStringUni(p), endpoint); }
            finally { Marshal.ZeroFreeGlobalAllocUnicode(p); }
        }

        /// <summary>
        /// From a Microsoft Entra ID access token for Azure Storage (audience https://storage.azure.com/), e.g. from
        /// <c>az account get-access-token --resource https://storage.azure.com/</c>. The endpoint defaults to
        /// https://&lt;account&gt;.file.core.windows.net/. The token is used as given (never refreshed): a long upload needs a
        /// token that outlives it. The identity needs an RBAC role such as Storage File Data Privileged Contributor.
        /// </summary>
        public static ShareConnection FromAccessToken(string accountName, string accessToken, string endpoint = null)
        {
            if (string.IsNullOrWhiteSpace(accessToken)) throw new ArgumentException("The access token is empty.", nameof(accessToken));
            string token = accessToken.Trim();
            if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) token = token.Substring(7).Trim();
            if (token.Length == 0 || token.Any(char.IsWhiteSpace))
                throw new ArgumentException("The access token is malformed (it contains white space; the token itself is not shown).", nameof(accessToken));
            Uri uri;
            if (endpoint != null)
            {
                if (!Uri.TryCreate(endpoint, UriKind.Absolute, out uri)) throw new ArgumentException("The endpoint must be an absolute URI.", nameof(endpoint));
            }
            else
            {
                if (string.IsNullOrWhiteSpace(accountName)) throw new ArgumentException("An access token needs the storage account name or the File service URL.", nameof(accountName));
                uri = new Uri("https://" + accountName + ".file.core.windows.net/");
            }
            string account = !string.IsNullOrWhiteSpace(accountName) ? accountName : AccountFromUri(uri);
            var c = new ShareConnection(ShareConnectionKind.AccessToken, uri, account, null, null, null, null);
            c._token = new StaticAccessTokenCredential(token);
            c.AddSecret(token);
            return c;
        }

        /// <summary>From an access token held in a SecureString (PowerShell's -AccessToken).</summary>
        public static ShareConnection FromAccessToken(string accountName, SecureString accessToken, string endpoint = null)
        {
            if (accessToken == null) throw new ArgumentNullException(nameof(accessToken));
            IntPtr p = Marshal.SecureStringToGlobalAllocUnicode(accessToken);
            try { return FromAccessToken(accountName, Marshal.PtrToStringUni(p), endpoint); }
            finally { Marshal.ZeroFreeGlobalAllocUnicode(p); }
        }

        /// <summary>
        /// The HTTP transport of every client this connection creates, when not the SDK's default (e.g. a site's proxy,
        /// or a test endpoint whose self-signed certificate is trusted explicitly). Null: the SDK's default.
        /// </summary>
        public HttpPipelineTransport Transport { get; set; }

        /// <summary>The SDK service client. Options let callers set retries and timeouts.</summary>
        public ShareServiceClient CreateServiceClient(ShareClientOptions options = null)
        {
            options = options ?? new ShareClientOptions();
            if (Transport != null) options.Transport = Transport;
            switch (Kind)
            {
                case ShareConnectionKind.ConnectionString: return new ShareServiceClient(_connectionString, options);
                case ShareConnectionKind.SasToken: return new ShareServiceClient(ServiceUri, new AzureSasCredential(_sasToken), options);
                case ShareConnectionKind.AccessToken:
                    // The Files OAuth data API answers only requests that declare the backup intent (x-ms-file-request-intent: backup).
                    if (options.ShareTokenIntent == null) options.ShareTokenIntent = ShareTokenIntent.Backup;
                    return new ShareServiceClient(ServiceUri, _token, options);
                default: return new ShareServiceClient(ServiceUri, _sharedKey, options);
            }
        }

        public ShareClient CreateShareClient(string shareName, ShareClientOptions options = null) => CreateServiceClient(options).GetShareClient(shareName);

        /// <summary>The text with this connection's secrets (and any SAS/key pattern) removed.</summary>
        public string Redact(string text) => SecretRedactor.Redact(text, _secrets);

        internal IReadOnlyList<string> Secrets => _secrets;

        public override string ToString() => Kind + " " + ServiceUri;

        private void AddSecret(string secret)
        {
            if (string.IsNullOrEmpty(secret)) return;
            _secrets.Add(secret);
            string decoded = WebUtility.UrlDecode(secret);
            if (decoded != secret) _secrets.Add(decoded);
        }

        private static string SignatureOf(string sas)
        {
            if (string.IsNullOrEmpty(sas)) return null;
            foreach (string pair in sas.TrimStart('?').Split('&'))
                if (pair.StartsWith("sig=", StringComparison.OrdinalIgnoreCase)) return pair.Substring(4);
            return null;
        }

        private static void ValidateKey(string key)
        {
            if (string.IsNullOrWhiteSpace(key)) throw new ArgumentException("The account key is empty.");
            try { Convert.FromBase64String(key); }
            catch (FormatException) { throw new ArgumentException("The account key is not valid base64 (the key itself is not shown)."); }
        }

        private static string AccountFromUri(Uri endpoint)
        {
            try { return new ShareUriBuilder(endpoint).AccountName; }
            catch (ArgumentException) { return null; }
        }

        private static Dictionary<string, string> ParseConnectionString(string cs)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (string part in cs.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = part.IndexOf('=');
                if (eq <= 0) throw new ArgumentException("The connection string is malformed (expected key=value pairs separated by ';').");
                result[part.Substring(0, eq).Trim()] = part.Substring(eq + 1).Trim();
            }
            return result;
        }
    }
}
