namespace HamletPS.Core
{
    /// <summary>
    /// What kind of failure an error is, for every <see cref="ErrorIds">ErrorId</see>: the faces map it to a PowerShell
    /// ErrorCategory (HamletCmdlet) and the CLI prints it with the id. Whether the error stops the command before any input
    /// is touched (a set-up error: exit code 2, a terminating error) is <see cref="ErrorIds.IsSetup"/>.
    /// </summary>
    public enum HamletErrorCategory
    {
        /// <summary>Not DICOM, or broken DICOM (truncated, impossible lengths...), or a file of ours that cannot be read as such.</summary>
        InvalidData,

        /// <summary>The file could not be read or written (I/O error, disk full, file locked).</summary>
        ReadOrWriteError,

        /// <summary>The operating system refused access.</summary>
        AccessDenied,

        /// <summary>The file, folder, share or item does not exist (any more).</summary>
        NotFound,

        /// <summary>The file could not be proven clean, or a safety check refused it.</summary>
        SecurityError,

        /// <summary>A setting or input value is not acceptable.</summary>
        InvalidArgument,

        /// <summary>A peer or service did not accept our credentials.</summary>
        AuthenticationError,

        /// <summary>A peer could not be reached, or ended or refused the conversation.</summary>
        ConnectionError,

        /// <summary>A resource the command needs is taken or unavailable (a port in use, a folder missing on a share).</summary>
        ResourceUnavailable,

        /// <summary>What would be written exists already (a file of the same name, a remote file with other content).</summary>
        ResourceExists,

        /// <summary>What was written does not match what was meant (a verification of the remote copy failed).</summary>
        InvalidResult,

        /// <summary>The run stopped part way (a step of the pipeline failed).</summary>
        OperationStopped,
    }
}
