namespace HamletPS.Core.Sorting
{
    /// <summary>
    /// The file-system operations the sorter needs, injectable so tests can exercise the cross-volume path (copy, verify,
    /// delete) on one disk. <see cref="FileMover"/> is the real one.
    /// </summary>
    public interface IFileMover
    {
        /// <summary>True when a rename from <paramref name="sourceFile"/> into <paramref name="destinationDirectory"/> stays on one
        /// volume (and so is atomic).</summary>
        bool SameVolume(string sourceFile, string destinationDirectory);

        /// <summary>Atomic rename on one volume; fails when <paramref name="destinationFile"/> exists.</summary>
        void Rename(string sourceFile, string destinationFile);

        /// <summary>Copies the bytes to <paramref name="destinationFile"/> (a temporary name; the caller verifies and renames it).</summary>
        void Copy(string sourceFile, string destinationFile);

        void Delete(string file);
    }
}
