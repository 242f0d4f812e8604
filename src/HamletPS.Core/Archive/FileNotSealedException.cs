using System;

namespace HamletPS.Core.Archive
{
    /// <summary>
    /// A file given to the archive does not carry this site's protect seal (<see cref="Security.ProtectedFileSeal"/>): it was
    /// not written by this site's protect step, or it was changed after, so it cannot be proven clean whatever its
    /// Patient Identity Removed says. The message names no file (a path may carry a patient identifier); <see cref="Path"/> has it.
    /// </summary>
    public sealed class FileNotSealedException : HamletException
    {
        public FileNotSealedException(string path, string reason)
            : base(ErrorIds.FileNotSealed, reason)
        {
            Path = path;
        }

        /// <summary>The file (at the site only).</summary>
        public string Path { get; }
    }
}
