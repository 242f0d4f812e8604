namespace HamletPS.Core.Security
{
    /// <summary>The key given does not open a re-identification vault (its key check value differs). Nothing was read or written.</summary>
    public sealed class VaultKeyMismatchException : HamletException
    {
        public VaultKeyMismatchException(string path)
            : base(ErrorIds.VaultKeyMismatch, "The key does not open this record: " + path + " was sealed with a different site key. Nothing was read or written.")
        {
            Path = path;
        }

        public string Path { get; }
    }
}
