namespace HamletPS.Core.Security
{
    /// <summary>A re-identification vault file is not in the expected format; names the file, byte offset and reason.</summary>
    public sealed class VaultFormatException : HamletException
    {
        public VaultFormatException(string path, long offset, string reason)
            : base(ErrorIds.InvalidVaultFile, path + " at byte " + offset + ": " + reason)
        {
            Path = path;
            Offset = offset;
            Reason = reason;
        }

        public string Path { get; }
        public long Offset { get; }
        public string Reason { get; }
    }
}
