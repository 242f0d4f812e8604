using System;
using System.Security;

namespace HamletPS.Core.Upload
{
    /// <summary>
    /// What a cmdlet or verb was given to reach a share: at most one way to authenticate (connection string, SAS URL, SAS
    /// token, account key, access token) and the share/directory. Whatever is missing comes from the site configuration and the
    /// environment (see <see cref="ShareConnectionResolver"/>).
    /// </summary>
    public sealed class ShareConnectionRequest
    {
        public string ConnectionString { get; set; }
        public string SasUrl { get; set; }
        public string SasToken { get; set; }
        /// <summary>The File service (or share) URL for a SAS token or an account key; default https://&lt;account&gt;.file.core.windows.net/.</summary>
        public string Endpoint { get; set; }
        public string AccountName { get; set; }
        /// <summary>The account key as a SecureString (cmdlets: -AccountKey or a PSCredential's password).</summary>
        public SecureString AccountKey { get; set; }
        /// <summary>The account key as text (CLI).</summary>
        public string AccountKeyText { get; set; }
        /// <summary>A Microsoft Entra ID access token as a SecureString (cmdlets: -AccessToken).</summary>
        public SecureString AccessToken { get; set; }
        /// <summary>A Microsoft Entra ID access token as text (CLI: --access-token or the content of --access-token-file).</summary>
        public string AccessTokenText { get; set; }

        /// <summary>"share" or "share/dir/sub"; an alternative to <see cref="Share"/> and <see cref="Directory"/>.</summary>
        public string Target { get; set; }
        public string Share { get; set; }
        public string Directory { get; set; }

        /// <summary>Explicit configuration file (-ConfigPath); else $HAMLET_CONFIG, else config.yaml in <see cref="CurrentDirectory"/>.</summary>
        public string ConfigPath { get; set; }
        public string CurrentDirectory { get; set; }
        /// <summary>Environment lookup (tests pass their own); default the process environment.</summary>
        public Func<string, string> Environment { get; set; }

        /// <summary>True when no share or directory was given (the target then comes from the SAS URL or the configuration).</summary>
        internal bool HasNoTarget => string.IsNullOrWhiteSpace(Target) && string.IsNullOrWhiteSpace(Share);
    }
}
