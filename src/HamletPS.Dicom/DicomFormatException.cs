using System;

namespace HamletPS.Dicom
{
    /// <summary>
    /// A file or stream is not valid DICOM. Carries the source (file path or peer) and the byte offset where reading failed,
    /// and never a value read from the data, so the message is safe to log outside the site.
    /// </summary>
    public sealed class DicomFormatException : Exception
    {
        public DicomFormatException(string? source, long offset, string reason, Exception? inner = null)
            : base(FormatMessage(source, offset, reason), inner)
        {
            Source = source;
            Offset = offset;
            Reason = reason;
        }

        /// <summary>File path or peer description the bytes came from (may be null for anonymous streams).</summary>
        public new string? Source { get; }

        /// <summary>Byte offset in the source where the problem was found.</summary>
        public long Offset { get; }

        /// <summary>Why the bytes were rejected, without any data value.</summary>
        public string Reason { get; }

        private static string FormatMessage(string? source, long offset, string reason) =>
            (string.IsNullOrEmpty(source) ? "<stream>" : source) + ": byte offset " + offset + ": " + reason;
    }
}
