#nullable enable
namespace HamletPS.Core
{
    /// <summary>Why one input file failed; the faces map it to an ErrorCategory (PowerShell) or an exit code (CLI).</summary>
    public enum FileFailureKind
    {
        /// <summary>Not DICOM, or broken DICOM (truncated, impossible lengths...).</summary>
        InvalidData,

        /// <summary>The file could not be read or written (I/O error, disk full, file locked).</summary>
        ReadOrWriteError,

        /// <summary>The operating system refused access.</summary>
        AccessDenied,

        /// <summary>The file does not exist (any more).</summary>
        NotFound,

        /// <summary>The file could not be proven clean, or a safety check refused it.</summary>
        SecurityError,

        /// <summary>A setting or input value is not acceptable for this file.</summary>
        InvalidArgument,
    }
}
