using System;
using System.Management.Automation;
using System.Security;
using HamletPS.Core;
using HamletPS.Core.Upload;

namespace HamletPS.Internal
{
    /// <summary>
    /// What Send-AzureShare and Get-AzureShareItem share: one parameter set per way of authenticating (connection string,
    /// SAS URL, SAS token, account key, PSCredential, Microsoft Entra ID access token, or nothing = the environment and the
    /// site configuration), resolved by
    /// Core's <see cref="ShareConnectionResolver"/>, and share failures turned into error records with stable ErrorIds.
    /// </summary>
    public abstract class AzureShareCommand : HamletCmdlet
    {
        internal const string ConfigurationSet = "Configuration";
        internal const string ConnectionStringSet = "ConnectionString";
        internal const string SasUrlSet = "SasUrl";
        internal const string SasTokenSet = "SasToken";
        internal const string AccountKeySet = "AccountKey";
        internal const string CredentialSet = "Credential";
        internal const string AccessTokenSet = "AccessToken";

        /// <summary>An Azure Storage connection string (AccountName/AccountKey or SharedAccessSignature, with FileEndpoint or EndpointSuffix).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ConnectionStringSet)]
        [ValidateNotNullOrEmpty]
        public string ConnectionString { get; set; }

        /// <summary>A SAS URL of the service, share or directory (the share and directory become the default target).</summary>
        [Parameter(Mandatory = true, ParameterSetName = SasUrlSet)]
        [ValidateNotNullOrEmpty]
        public string SasUrl { get; set; }

        /// <summary>A SAS token (with or without the leading '?'), used with -Endpoint or -AccountName.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SasTokenSet)]
        [ValidateNotNullOrEmpty]
        public string SasToken { get; set; }

        /// <summary>The File service URL; default https://&lt;account&gt;.file.core.windows.net/.</summary>
        [Parameter(ParameterSetName = SasTokenSet)]
        [Parameter(ParameterSetName = AccountKeySet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = AccessTokenSet)]
        [ValidateNotNullOrEmpty]
        public string Endpoint { get; set; }

        /// <summary>The storage account name (e.g. hamletrtcambridge).</summary>
        [Parameter(ParameterSetName = ConfigurationSet)]
        [Parameter(ParameterSetName = SasTokenSet)]
        [Parameter(Mandatory = true, ParameterSetName = AccountKeySet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = AccessTokenSet)]
        [ValidateNotNullOrEmpty]
        public string AccountName { get; set; }

        /// <summary>The storage account key.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AccountKeySet)]
        [ValidateNotNull]
        public SecureString AccountKey { get; set; }

        /// <summary>The account name (user name) and key (password), as cmdkey stores them.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [ValidateNotNull]
        [Credential]
        public PSCredential Credential { get; set; }

        /// <summary>
        /// A Microsoft Entra ID access token for Azure Storage (e.g. from Get-AzAccessToken -ResourceUrl https://storage.azure.com/
        /// -AsSecureString), used with -AccountName or -Endpoint; sent as a bearer token with the backup intent. Never shown.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
        [ValidateNotNull]
        public SecureString AccessToken { get; set; }

        /// <summary>The site configuration file; default $env:HAMLET_CONFIG, else config.yaml in the current folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ConfigPath { get; set; }

        /// <summary>The share; default AZURE SHARENAME of the site configuration or the SAS URL's share.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Share { get; set; }

        /// <summary>"share/directory" in one value, instead of -Share and -Directory.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Target { get; set; }

        /// <summary>The directory parameter of the derived cmdlet (its position and pipeline binding differ).</summary>
        protected abstract string DirectoryValue { get; }

        /// <summary>Builds the connection and target, or stops the command with a configuration error (never showing a secret).</summary>
        protected ResolvedShare ResolveShare()
        {
            var request = new ShareConnectionRequest
            {
                ConnectionString = ConnectionString,
                SasUrl = SasUrl,
                SasToken = SasToken,
                Endpoint = Endpoint,
                AccountName = AccountName,
                AccountKey = AccountKey,
                AccessToken = AccessToken,
                Share = Share,
                Directory = DirectoryValue,
                Target = Target,
                ConfigPath = ConfigPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(ConfigPath),
                CurrentDirectory = SessionState.Path.CurrentFileSystemLocation.ProviderPath,
            };
            if (Credential != null)
            {
                request.AccountKey = Credential.Password;
                if (string.IsNullOrEmpty(request.AccountName)) request.AccountName = AccountOf(Credential.UserName);
            }
            try
            {
                return ShareConnectionResolver.Resolve(request);
            }
            catch (HamletException ex)
            {
                Terminate(ex, ConfigPath);
                return null;
            }
        }

        /// <summary>The account of "localhost\account", "AZURE\account" or "account".</summary>
        internal static string AccountOf(string userName)
        {
            if (string.IsNullOrEmpty(userName)) return userName;
            int slash = userName.LastIndexOf('\\');
            return slash >= 0 ? userName.Substring(slash + 1) : userName;
        }

        /// <summary>The error record of a failed share operation or file, or null when the exception is neither (a bug: rethrow).</summary>
        protected ErrorRecord NewShareError(string target, Exception exception, ResolvedShare share)
        {
            ShareFailure failure = ShareFailure.Classify(target, exception);
            if (failure != null)
            {
                // ShareOperationException messages are already redacted by Core; redact once more in case a caller-supplied text slipped in.
                var redacted = new InvalidOperationException(share == null ? failure.Message : share.Redact(failure.Message));
                return new ErrorRecord(redacted, failure.Reason, CategoryOf(failure.Category), failure.Target);
            }
            FileFailure fileFailure = FileFailure.Classify(target, exception);
            return fileFailure == null ? null : NewError(fileFailure);
        }
    }
}
