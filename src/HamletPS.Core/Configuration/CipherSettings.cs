namespace HamletPS.Core.Configuration
{
    /// <summary>
    /// CIPHER section: FOLDERKEY (the old tool's Vigenère key, plain text, optional) and FOLDERKEYFILE (a file whose first line
    /// is the key). The environment variable HAMLET_FOLDERKEY overrides both; see <see cref="Secrets.HamletSecrets"/>.
    /// </summary>
    public sealed class CipherSettings
    {
        public string FolderKey { get; set; }
        public string FolderKeyFile { get; set; }

        public override string ToString() => "CipherSettings(FolderKey=" + (FolderKey == null ? "(none)" : "***") + ", FolderKeyFile=" + (FolderKeyFile ?? "(none)") + ")";
    }
}
