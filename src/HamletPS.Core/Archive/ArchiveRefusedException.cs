using System;
using System.Collections.Generic;

namespace HamletPS.Core.Archive
{
    /// <summary>
    /// An archive was not written because files of its tree cannot be proven to be this site's protected output (not
    /// de-identified, not sealed by this site's protect step, changed since, or a link). Each refused file was reported
    /// (<see cref="HamletArchiveOptions.FileRefused"/>) and is listed in <see cref="Failures"/>; the message names no file.
    /// </summary>
    public sealed class ArchiveRefusedException : HamletException
    {
        public ArchiveRefusedException(IReadOnlyList<FileFailure> failures)
            : base(ErrorIds.ArchiveRefused, failures.Count + " file(s) of the tree are not proven to be this site's protected output (see the errors before this one): nothing was archived")
        {
            Failures = failures;
        }

        public IReadOnlyList<FileFailure> Failures { get; }
    }
}
