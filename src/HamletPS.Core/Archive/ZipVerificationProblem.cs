namespace HamletPS.Core.Archive
{
    /// <summary>Kinds of problem <see cref="ZipVerifier"/> reports.</summary>
    public enum ZipVerificationProblemKind
    {
        /// <summary>The ZIP structure is damaged (end records, central directory, local header).</summary>
        Structure,
        /// <summary>The entry's data does not decompress.</summary>
        Unreadable,
        /// <summary>The CRC-32 of the data differs from the recorded one.</summary>
        Crc,
        /// <summary>The data's length differs from the recorded size.</summary>
        Size,
        /// <summary>manifest.csv or manifest.json is missing or malformed, or they disagree.</summary>
        Manifest,
        /// <summary>A manifest row's SHA-256 differs from the entry's bytes.</summary>
        ManifestHash,
        /// <summary>A manifest row's file size differs from the entry's size.</summary>
        ManifestSize,
        /// <summary>A manifest row names an entry the archive does not have.</summary>
        MissingEntry,
        /// <summary>An entry (other than the manifests) is not listed in the manifest, or is listed twice.</summary>
        NotInManifest,
    }

    /// <summary>One problem found by <see cref="ZipVerifier"/>.</summary>
    public sealed class ZipVerificationProblem
    {
        public ZipVerificationProblem(ZipVerificationProblemKind kind, string entryPath, string message)
        {
            Kind = kind;
            EntryPath = entryPath;
            Message = message;
        }

        public ZipVerificationProblemKind Kind { get; }

        /// <summary>The entry concerned, or null for the archive as a whole.</summary>
        public string EntryPath { get; }

        public string Message { get; }

        public override string ToString() => EntryPath == null ? $"{Kind}: {Message}" : $"{Kind} '{EntryPath}': {Message}";
    }
}
