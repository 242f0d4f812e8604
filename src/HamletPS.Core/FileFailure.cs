#nullable enable
using System;
using System.IO;
using HamletPS.Dicom;

namespace HamletPS.Core
{
    /// <summary>
    /// One input that failed while the others go on. Classified here, beside the code that throws, so the cmdlets never need
    /// to name an engine exception type other than <see cref="HamletException"/>: ours keep their own ErrorId; the DICOM
    /// toolkit's (which knows nothing of Core) and the BCL's I/O exceptions are mapped here (the engine lives in its own load context on PowerShell 7, where type identity across
    /// contexts cannot be relied on). Messages name the file and reason, never a patient value.
    /// </summary>
    public sealed class FileFailure
    {
        private FileFailure(string path, HamletErrorCategory kind, string reason, Exception exception)
        {
            Path = path;
            Kind = kind;
            Reason = reason;
            Exception = exception;
        }

        public string Path { get; }

        public HamletErrorCategory Kind { get; }

        /// <summary>A stable id from <see cref="ErrorIds"/> (becomes the ErrorId), e.g. InvalidDicomFile.</summary>
        public string Reason { get; }

        public Exception Exception { get; }

        public string Message => Exception.Message;

        /// <summary>Classifies an exception thrown while handling one file, or returns null when it is not a per-file failure
        /// (a bug, cancellation, out of memory), which the caller must let propagate.</summary>
        public static FileFailure? Classify(string path, Exception exception)
        {
            switch (exception)
            {
                case HamletException ours:
                    return new FileFailure(path, ours.Category, ours.ErrorId, ours);
                case DicomFormatException _:
                    return new FileFailure(path, HamletErrorCategory.InvalidData, ErrorIds.InvalidDicomFile, exception);
                case HamletPS.Dicom.StructuredReport.SrFormatException _:
                    return new FileFailure(path, HamletErrorCategory.InvalidData, ErrorIds.InvalidStructuredReport, exception);
                case FileNotFoundException _:
                case DirectoryNotFoundException _:
                    return new FileFailure(path, HamletErrorCategory.NotFound, ErrorIds.FileNotFound, exception);
                case PathTooLongException _:
                    return new FileFailure(path, HamletErrorCategory.ReadOrWriteError, ErrorIds.PathTooLong, exception);
                case UnauthorizedAccessException _:
                    return new FileFailure(path, HamletErrorCategory.AccessDenied, ErrorIds.FileAccessDenied, exception);
                case IOException _:
                    return new FileFailure(path, HamletErrorCategory.ReadOrWriteError, ErrorIds.FileReadWriteFailed, exception);
                default:
                    return null;
            }
        }

        /// <summary>A failure decided by the workflow itself (e.g. a residual identifier found), with its own reason.</summary>
        public static FileFailure Create(string path, HamletErrorCategory kind, string reason, Exception exception) =>
            new FileFailure(path, kind, reason, exception);
    }
}
