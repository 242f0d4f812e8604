using System;

namespace HamletPS.Core.Archive
{
    /// <summary>
    /// A file given to the archive is not the output of Protect-DicomPatient (its Patient Identity Removed (0012,0062) is
    /// not YES): it cannot be proven clean, so the archive is not written (fail closed). The message names no file, since
    /// an unprotected file's path may carry a patient identifier (a sorted tree's folders); <see cref="Path"/> has it for
    /// the site's own error record.
    /// </summary>
    public sealed class NotDeidentifiedException : HamletException
    {
        public NotDeidentifiedException(string path)
            : base(ErrorIds.FileNotDeidentified, "a file is not de-identified (Patient Identity Removed is not YES): only the output of Protect-DicomPatient is archived; nothing was written")
        {
            Path = path;
        }

        /// <summary>The file (at the site only).</summary>
        public string Path { get; }
    }
}
