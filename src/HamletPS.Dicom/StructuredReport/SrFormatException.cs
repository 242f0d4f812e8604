using System;

namespace HamletPS.Dicom.StructuredReport
{
    /// <summary>
    /// A dataset read as DICOM but its SR content tree is unusable (no root container, too deep). Names the source and the
    /// reason, never a value from the data.
    /// </summary>
    public sealed class SrFormatException : Exception
    {
        public SrFormatException(string? source, string reason)
            : base((string.IsNullOrEmpty(source) ? "<dataset>" : source) + ": " + reason)
        {
            Source = source;
            Reason = reason;
        }

        public new string? Source { get; }

        public string Reason { get; }
    }
}
