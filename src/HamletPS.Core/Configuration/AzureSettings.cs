using System;
using System.Collections.Generic;

namespace HamletPS.Core.Configuration
{
    /// <summary>
    /// AZURE section. The earlier tool's key names are not known to us, so every key is kept as a string (case-insensitive) and
    /// the well-known settings are found under any of their usual spellings.
    /// </summary>
    public sealed class AzureSettings
    {
        private static readonly string[] AccountNameKeys = { "ACCOUNTNAME", "ACCOUNT", "STORAGEACCOUNT", "STORAGEACCOUNTNAME", "NAME" };
        private static readonly string[] AccountKeyKeys = { "ACCOUNTKEY", "KEY", "STORAGEKEY", "STORAGEACCOUNTKEY", "ACCESSKEY" };
        private static readonly string[] ShareNameKeys = { "SHARENAME", "SHARE", "FILESHARE", "FILESHARENAME", "CONTAINER" };
        private static readonly string[] ConnectionStringKeys = { "CONNECTIONSTRING", "CONNECTION_STRING", "CONNSTR", "CONNECTION" };
        private static readonly string[] SasKeys = { "SAS", "SASTOKEN", "SAS_TOKEN", "SASURL" };
        private static readonly string[] DirectoryKeys = { "DIRECTORY", "DIR", "FOLDER", "REMOTEFOLDER", "PATH" };
        private static readonly string[] UrlKeys = { "URL", "ENDPOINT", "ACCOUNTURL", "SHAREURL" };
        private static readonly string[] KeyFileKeys = { "KEYFILE", "ACCOUNTKEYFILE" };

        public AzureSettings()
        {
            Values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>Every key of the AZURE section as written (values as strings; empty values are null).</summary>
        public IDictionary<string, string> Values { get; }

        public string AccountName => First(AccountNameKeys);
        public string AccountKey => First(AccountKeyKeys);
        public string ShareName => First(ShareNameKeys);
        public string ConnectionString => First(ConnectionStringKeys);
        public string Sas => First(SasKeys);
        public string Directory => First(DirectoryKeys);
        public string Url => First(UrlKeys);
        /// <summary>A file whose first line is the storage account key (instead of a plain-text KEY).</summary>
        public string KeyFile => First(KeyFileKeys);

        /// <summary>True when the section names a destination (account, connection string, URL or SAS).</summary>
        public bool IsConfigured => AccountName != null || ConnectionString != null || Url != null || Sas != null;

        private string First(string[] keys)
        {
            foreach (var k in keys)
                if (Values.TryGetValue(k, out var v) && !string.IsNullOrEmpty(v)) return v;
            return null;
        }

        public override string ToString() => "AzureSettings(" + Values.Count + " keys, account " + (AccountName ?? "(none)") + ")";
    }
}
