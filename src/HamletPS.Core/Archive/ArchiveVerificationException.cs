using System.Linq;

namespace HamletPS.Core.Archive
{
    /// <summary>Thrown when an archive fails verification (-Verify); the archive was not kept.</summary>
    public sealed class ArchiveVerificationException : HamletException
    {
        public ArchiveVerificationException(ZipVerificationResult result)
            : base(ErrorIds.ArchiveFailed, $"Archive '{result.ArchivePath}' failed verification ({result.Problems.Count} problem(s)): "
                + string.Join("; ", result.Problems.Take(5).Select(p => p.ToString())))
        {
            Result = result;
        }

        public ZipVerificationResult Result { get; }
    }
}
