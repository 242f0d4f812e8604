namespace HamletPS.Core.Mount
{
    /// <summary>What `hamlet mount` (Linux) was asked to mount; everything but the account and share has a default.</summary>
    public sealed class CifsMountRequest
    {
        /// <summary>Storage account, e.g. hamletrtcambridge (3–24 lower-case letters and digits).</summary>
        public string AccountName { get; set; }
        /// <summary>File share, e.g. cambridge-incoming.</summary>
        public string ShareName { get; set; }
        /// <summary>Host to mount from; default &lt;account&gt;.file.core.windows.net.</summary>
        public string ComputerName { get; set; }
        /// <summary>Absolute mount point; default /mnt/&lt;account&gt;/&lt;share&gt;.</summary>
        public string MountPoint { get; set; }
        /// <summary>The mount.cifs credentials file (written with mode 600); default ~/.hamletps/smb/&lt;account&gt;.cred.</summary>
        public string CredentialFile { get; set; }
        /// <summary>SMB port (Azure Files: 445).</summary>
        public int Port { get; set; } = 445;
        /// <summary>The home folder for the default credentials file (tests pass their own); default $HOME.</summary>
        public string HomeFolder { get; set; }
    }
}
