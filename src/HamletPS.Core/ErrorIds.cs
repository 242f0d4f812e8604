using System;
using System.Collections.Generic;

namespace HamletPS.Core
{
    /// <summary>
    /// The one list of error ids (the cmdlets' ErrorId, the CLI's "error: &lt;Id&gt;:" prefix, <see cref="HamletException.ErrorId"/>):
    /// one id per condition, each with its <see cref="HamletErrorCategory"/> and whether it is a set-up error (the settings
    /// cannot be used: nothing was touched, the cmdlet stops with a terminating error, `hamlet` exits 2) or a failure of one
    /// input (the others go on: a non-terminating error, exit 1). docs/errors.md documents every id (a test checks both ways).
    /// </summary>
    public static class ErrorIds
    {
        // Set-up errors: the command stops before any input is touched.
        /// <summary>The configuration file named (parameter, HAMLET_CONFIG) or looked for does not exist.</summary>
        public const string ConfigNotFound = "ConfigNotFound";
        /// <summary>The configuration file cannot be used (YAML, a value, a key file it names): the message names file and line.</summary>
        public const string InvalidConfiguration = "InvalidConfiguration";
        /// <summary>A setting is neither given nor in the configuration (e.g. the archive's site, the sort destination).</summary>
        public const string ConfigurationMissing = "ConfigurationMissing";
        /// <summary>New-HamletConfig / `hamlet config new`: the file exists and replacing it was not asked for.</summary>
        public const string ConfigExists = "ConfigExists";
        /// <summary>The configuration file could not be written.</summary>
        public const string ConfigWriteFailed = "ConfigWriteFailed";
        /// <summary>The configuration file could not be written: access denied.</summary>
        public const string ConfigAccessDenied = "ConfigAccessDenied";
        /// <summary>The mapping file (mapping.csv) was rejected: the message names file and line, never a value.</summary>
        public const string InvalidMappingFile = "InvalidMappingFile";
        /// <summary>A de-identification profile cannot be used: the message names the profile and line.</summary>
        public const string InvalidProfile = "InvalidProfile";
        /// <summary>No site key is configured, or it cannot be read.</summary>
        public const string SiteKeyRequired = "SiteKeyRequired";
        /// <summary>Protect: the settings (key, profile, mapping file, destination, record folder) cannot be used; nothing was written.</summary>
        public const string InvalidProtectionSettings = "InvalidProtectionSettings";
        /// <summary>New-HamletReviewReport: the settings (profile, run journal) cannot be used; nothing was written.</summary>
        public const string InvalidReviewSettings = "InvalidReviewSettings";
        /// <summary>Unprotect: the settings cannot be used; nothing was written.</summary>
        public const string InvalidReidentificationSettings = "InvalidReidentificationSettings";
        /// <summary>The key does not open a re-identification record file; nothing was read or written.</summary>
        public const string VaultKeyMismatch = "VaultKeyMismatch";
        /// <summary>A re-identification record file is not in the expected format (file, byte offset, reason).</summary>
        public const string InvalidVaultFile = "InvalidVaultFile";
        /// <summary>Process: the inputs (configuration, mapping file, keys, profile, templates) cannot be used; no file was moved.</summary>
        public const string InvalidPipelineSettings = "InvalidPipelineSettings";
        /// <summary>An AE title, port, address or other network setting is not valid.</summary>
        public const string InvalidDicomNetworkSetting = "InvalidDicomNetworkSetting";
        /// <summary>A TLS certificate or key file cannot be read or used.</summary>
        public const string TlsCertificateUnreadable = "TlsCertificateUnreadable";
        /// <summary>The receiver cannot listen on the port (in use, or not allowed).</summary>
        public const string PortUnavailable = "PortUnavailable";
        /// <summary>Receive: no folder to store received files in.</summary>
        public const string IncomingFolderRequired = "IncomingFolderRequired";
        /// <summary>Receive: the incoming folder cannot be created or written.</summary>
        public const string IncomingFolderUnavailable = "IncomingFolderUnavailable";
        /// <summary>No way to authenticate to Azure Files is given or configured.</summary>
        public const string NoStorageCredentials = "NoStorageCredentials";
        /// <summary>Two ways of authenticating to Azure Files are given at once.</summary>
        public const string AmbiguousCredentials = "AmbiguousCredentials";
        /// <summary>Both a target and a share/directory are given.</summary>
        public const string AmbiguousTarget = "AmbiguousTarget";
        /// <summary>No share is given or configured.</summary>
        public const string NoShareName = "NoShareName";
        /// <summary>A connection string, SAS, endpoint, key, token or credentials file cannot be used.</summary>
        public const string InvalidShareConnection = "InvalidShareConnection";
        /// <summary>The share target is not a valid share/directory.</summary>
        public const string InvalidShareTarget = "InvalidShareTarget";
        /// <summary>No destination folder is given or configured.</summary>
        public const string DestinationRequired = "DestinationRequired";
        /// <summary>The destination folder does not exist.</summary>
        public const string DestinationNotFound = "DestinationNotFound";
        /// <summary>No input path is given.</summary>
        public const string PathRequired = "PathRequired";
        /// <summary>A folder given cannot be used for this command.</summary>
        public const string InvalidFolder = "InvalidFolder";
        /// <summary>Clear: the outgoing folder is never cleared.</summary>
        public const string OutgoingNeverCleared = "OutgoingNeverCleared";
        /// <summary>A path is not a file-system path.</summary>
        public const string NotFileSystemPath = "NotFileSystemPath";
        /// <summary>Send-AzureShare: a parameter that has no meaning with the SMB route (-Destination / --destination).</summary>
        public const string ParameterNotValidWithDestination = "ParameterNotValidWithDestination";
        /// <summary>`hamlet mount`: the share could not be mounted.</summary>
        public const string MountFailed = "MountFailed";
        /// <summary>The dose history: no database is given or found beside a configuration, a bad export format or date range, no site secret to key patients.</summary>
        public const string InvalidDoseHistorySettings = "InvalidDoseHistorySettings";
        /// <summary>The dose history database cannot be used: absent, locked past the wait, not a database, damaged, newer, read-only.</summary>
        public const string DoseHistoryUnavailable = "DoseHistoryUnavailable";
        /// <summary>Export-DoseHistory / `hamlet dose export`: the file exists and replacing it was not asked for.</summary>
        public const string ExportExists = "ExportExists";
        /// <summary>Another setting is not valid (the message names it).</summary>
        public const string InvalidArgument = "InvalidArgument";
        /// <summary>Get-HamletInventory / `hamlet inventory`: no PACS given or configured, no patient to look up, or another setting cannot be used.</summary>
        public const string InvalidInventorySettings = "InvalidInventorySettings";
        /// <summary>Get-HamletInventory / `hamlet inventory`: a record of what was sent (run journal, archive manifest, re-identification record) cannot be read; nothing is reported.</summary>
        public const string SentRecordUnreadable = "SentRecordUnreadable";

        // Failures of one input (file, peer, remote item): the others go on.
        /// <summary>A path given matches no file or folder.</summary>
        public const string PathNotFound = "PathNotFound";
        /// <summary>A file does not exist (any more).</summary>
        public const string FileNotFound = "FileNotFound";
        /// <summary>A file was expected and a folder was given.</summary>
        public const string PathIsFolder = "PathIsFolder";
        /// <summary>A folder holds no file to work on.</summary>
        public const string NoFilesFound = "NoFilesFound";
        /// <summary>A path is too long for the platform.</summary>
        public const string PathTooLong = "PathTooLong";
        /// <summary>The operating system refused access to a file.</summary>
        public const string FileAccessDenied = "FileAccessDenied";
        /// <summary>A file could not be read or written.</summary>
        public const string FileReadWriteFailed = "FileReadWriteFailed";
        /// <summary>Not DICOM, or broken DICOM: the message names the file, byte offset and reason.</summary>
        public const string InvalidDicomFile = "InvalidDicomFile";
        /// <summary>A structured report's content tree cannot be read.</summary>
        public const string InvalidStructuredReport = "InvalidStructuredReport";
        /// <summary>A DICOM file is not an X-Ray Radiation Dose SR.</summary>
        public const string NotADoseReport = "NotADoseReport";
        /// <summary>Sort: the file was moved to the quarantine folder (reason beside it).</summary>
        public const string QuarantinedDicomFile = "QuarantinedDicomFile";
        /// <summary>Sort: the file could not be sorted.</summary>
        public const string SortFailed = "SortFailed";
        /// <summary>Process: a sorted file could not be read.</summary>
        public const string SortedFileUnreadable = "SortedFileUnreadable";
        /// <summary>Protect: an original identifying value remains in the protected file or its path; the file was not written.</summary>
        public const string ResidualIdentifier = "ResidualIdentifier";
        /// <summary>Protect: the patient's Study ID could not be found or made (mapping file, pseudonym).</summary>
        public const string IdentityNotResolved = "IdentityNotResolved";
        /// <summary>A Patient ID could not be pseudonymised or revealed (e.g. the folder key is shorter than it).</summary>
        public const string PseudonymizationFailed = "PseudonymizationFailed";
        /// <summary>A date or date-time value could not be shifted.</summary>
        public const string InvalidDateValue = "InvalidDateValue";
        /// <summary>Protect: a test patient excluded by the settings.</summary>
        public const string ExcludedTestPatient = "ExcludedTestPatient";
        /// <summary>Protect: a second file with the same SOP Instance UID.</summary>
        public const string DuplicateSopInstance = "DuplicateSopInstance";
        /// <summary>Protect: the output path is the input file.</summary>
        public const string OutputWouldOverwriteInput = "OutputWouldOverwriteInput";
        /// <summary>Protect: the pixel data may show identifiers and no profile rule covers it; withheld.</summary>
        public const string PixelIdentifierRisk = "PixelIdentifierRisk";
        /// <summary>Protect: a mask rule applies but the pixel data cannot be masked; withheld.</summary>
        public const string PixelDataNotMaskable = "PixelDataNotMaskable";
        /// <summary>Protect: the file could not be protected.</summary>
        public const string ProtectionFailed = "ProtectionFailed";
        /// <summary>Unprotect: the file could not be restored.</summary>
        public const string UnprotectFailed = "UnprotectFailed";
        /// <summary>Unprotect: no record names the instance.</summary>
        public const string VaultRecordMissing = "VaultRecordMissing";
        /// <summary>Unprotect: the records naming the instance were written for another file.</summary>
        public const string VaultRecordMismatch = "VaultRecordMismatch";
        /// <summary>Unprotect: two records bound to the file differ.</summary>
        public const string VaultRecordConflict = "VaultRecordConflict";
        /// <summary>Unprotect: the record authenticates but cannot be read.</summary>
        public const string VaultRecordDamaged = "VaultRecordDamaged";
        /// <summary>A sealed record does not authenticate (altered or damaged); nothing was released.</summary>
        public const string VaultRecordTampered = "VaultRecordTampered";
        /// <summary>Archive: the file's Patient Identity Removed is not YES.</summary>
        public const string FileNotDeidentified = "FileNotDeidentified";
        /// <summary>Archive: the file does not carry this site's protect seal (or changed since).</summary>
        public const string FileNotSealed = "FileNotSealed";
        /// <summary>Archive: a symbolic link in the tree is not followed.</summary>
        public const string LinkNotFollowed = "LinkNotFollowed";
        /// <summary>Archive: files of the tree are not proven to be this site's protected output; nothing was archived.</summary>
        public const string ArchiveRefused = "ArchiveRefused";
        /// <summary>Archive: the archive could not be written, or failed its verification (it was not kept).</summary>
        public const string ArchiveFailed = "ArchiveFailed";
        /// <summary>Clear: a file or folder could not be removed.</summary>
        public const string ClearFailed = "ClearFailed";
        /// <summary>Export-DoseHistory / `hamlet dose export`: the export could not be written (nothing partial is left).</summary>
        public const string ExportFailed = "ExportFailed";
        /// <summary>Process: a step failed; the run stopped.</summary>
        public const string PipelineFailed = "PipelineFailed";
        /// <summary>Send: the peer could not be reached or the association failed.</summary>
        public const string DicomSendFailed = "DicomSendFailed";
        /// <summary>Send: the peer refused to store an instance (C-STORE status).</summary>
        public const string DicomStoreRefused = "DicomStoreRefused";
        /// <summary>Echo: the peer did not answer the verification.</summary>
        public const string DicomEchoFailed = "DicomEchoFailed";
        /// <summary>Query/retrieve: the PACS could not be reached.</summary>
        public const string DicomConnectionFailed = "DicomConnectionFailed";
        /// <summary>The peer rejected the association.</summary>
        public const string DicomAssociationRejected = "DicomAssociationRejected";
        /// <summary>The peer aborted the association.</summary>
        public const string DicomAssociationAborted = "DicomAssociationAborted";
        /// <summary>The PACS refused the query or retrieve (DIMSE status).</summary>
        public const string DicomQueryRefused = "DicomQueryRefused";
        /// <summary>The peer's answer is not valid DICOM.</summary>
        public const string DicomInvalidResponse = "DicomInvalidResponse";
        /// <summary>C-MOVE refused: the PACS does not know our AE (status A801).</summary>
        public const string MoveDestinationUnknown = "MoveDestinationUnknown";
        /// <summary>Retrieve: the PACS lists no such instance.</summary>
        public const string DicomInstanceNotFound = "DicomInstanceNotFound";
        /// <summary>Retrieve: an instance the PACS reported sent never arrived.</summary>
        public const string DicomInstanceNotReceived = "DicomInstanceNotReceived";
        /// <summary>Retrieve: a C-GET/C-MOVE sub-operation failed.</summary>
        public const string DicomSubOperationFailed = "DicomSubOperationFailed";
        /// <summary>Process: pulling from the PACS failed.</summary>
        public const string PacsPullFailed = "PacsPullFailed";
        /// <summary>Inspection: an element's value representation is not the dictionary's.</summary>
        public const string UnexpectedValueRepresentation = "UnexpectedValueRepresentation";
        /// <summary>Azure Files did not accept the credentials (the secret is never shown).</summary>
        public const string AuthenticationFailed = "AuthenticationFailed";
        /// <summary>The share does not exist.</summary>
        public const string ShareNotFound = "ShareNotFound";
        /// <summary>The remote file or directory does not exist.</summary>
        public const string RemoteItemNotFound = "RemoteItemNotFound";
        /// <summary>A network or service failure that persisted after retries; a run resumes.</summary>
        public const string TransientFailure = "TransientFailure";
        /// <summary>Upload: the local file changed while being sent.</summary>
        public const string LocalFileChanged = "LocalFileChanged";
        /// <summary>Upload: the remote content's MD5 differs from the local file's.</summary>
        public const string VerificationFailed = "VerificationFailed";
        /// <summary>Upload: a remote file of the same name has other content (replace with -Force / --force).</summary>
        public const string RemoteFileDiffers = "RemoteFileDiffers";
        /// <summary>Another failure of an upload, listing or copy.</summary>
        public const string ShareOperationFailed = "ShareOperationFailed";
        /// <summary>`hamlet mount`: port 445 (SMB) of the share's host cannot be reached from here; upload over HTTPS instead.</summary>
        public const string Port445Blocked = "Port445Blocked";
        /// <summary>Heartbeat: the Azure Files endpoint (HTTPS) cannot be reached over TCP from here.</summary>
        public const string ShareUnreachable = "ShareUnreachable";
        /// <summary>Heartbeat: the receiver's incoming folder (DATAPATH.INCOMING) is missing or cannot be written.</summary>
        public const string IncomingFolderNotWritable = "IncomingFolderNotWritable";
        /// <summary>The run was cancelled (Ctrl-C).</summary>
        public const string Cancelled = "Cancelled";
        /// <summary>`hamlet`: a bug stopped the command (details withheld; they may name patient files).</summary>
        public const string InternalError = "InternalError";

        private static readonly Dictionary<string, Definition> Definitions = new Dictionary<string, Definition>(StringComparer.Ordinal)
        {
            { ConfigNotFound, new Definition(HamletErrorCategory.NotFound, true) },
            { InvalidConfiguration, new Definition(HamletErrorCategory.InvalidData, true) },
            { ConfigurationMissing, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { ConfigExists, new Definition(HamletErrorCategory.ResourceExists, true) },
            { ConfigWriteFailed, new Definition(HamletErrorCategory.ReadOrWriteError, true) },
            { ConfigAccessDenied, new Definition(HamletErrorCategory.AccessDenied, true) },
            { InvalidMappingFile, new Definition(HamletErrorCategory.InvalidData, true) },
            { InvalidProfile, new Definition(HamletErrorCategory.InvalidData, true) },
            { SiteKeyRequired, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { InvalidProtectionSettings, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { InvalidReviewSettings, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { InvalidReidentificationSettings, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { VaultKeyMismatch, new Definition(HamletErrorCategory.SecurityError, true) },
            { InvalidVaultFile, new Definition(HamletErrorCategory.InvalidData, true) },
            { InvalidPipelineSettings, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { InvalidDicomNetworkSetting, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { TlsCertificateUnreadable, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { PortUnavailable, new Definition(HamletErrorCategory.ResourceUnavailable, true) },
            { IncomingFolderRequired, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { IncomingFolderUnavailable, new Definition(HamletErrorCategory.ResourceUnavailable, true) },
            { NoStorageCredentials, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { AmbiguousCredentials, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { AmbiguousTarget, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { NoShareName, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { InvalidShareConnection, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { InvalidShareTarget, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { DestinationRequired, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { DestinationNotFound, new Definition(HamletErrorCategory.NotFound, true) },
            { PathRequired, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { InvalidFolder, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { OutgoingNeverCleared, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { NotFileSystemPath, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { ParameterNotValidWithDestination, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { MountFailed, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { InvalidDoseHistorySettings, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { DoseHistoryUnavailable, new Definition(HamletErrorCategory.ResourceUnavailable, true) },
            { ExportExists, new Definition(HamletErrorCategory.ResourceExists, true) },
            { InvalidArgument, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { InvalidInventorySettings, new Definition(HamletErrorCategory.InvalidArgument, true) },
            { SentRecordUnreadable, new Definition(HamletErrorCategory.InvalidData, true) },
            { PathNotFound, new Definition(HamletErrorCategory.NotFound, false) },
            { FileNotFound, new Definition(HamletErrorCategory.NotFound, false) },
            { PathIsFolder, new Definition(HamletErrorCategory.InvalidArgument, false) },
            { NoFilesFound, new Definition(HamletErrorCategory.NotFound, false) },
            { PathTooLong, new Definition(HamletErrorCategory.ReadOrWriteError, false) },
            { FileAccessDenied, new Definition(HamletErrorCategory.AccessDenied, false) },
            { FileReadWriteFailed, new Definition(HamletErrorCategory.ReadOrWriteError, false) },
            { InvalidDicomFile, new Definition(HamletErrorCategory.InvalidData, false) },
            { InvalidStructuredReport, new Definition(HamletErrorCategory.InvalidData, false) },
            { NotADoseReport, new Definition(HamletErrorCategory.InvalidData, false) },
            { QuarantinedDicomFile, new Definition(HamletErrorCategory.InvalidData, false) },
            { SortFailed, new Definition(HamletErrorCategory.ReadOrWriteError, false) },
            { SortedFileUnreadable, new Definition(HamletErrorCategory.ReadOrWriteError, false) },
            { ResidualIdentifier, new Definition(HamletErrorCategory.SecurityError, false) },
            { IdentityNotResolved, new Definition(HamletErrorCategory.InvalidArgument, false) },
            { PseudonymizationFailed, new Definition(HamletErrorCategory.InvalidArgument, false) },
            { InvalidDateValue, new Definition(HamletErrorCategory.InvalidData, false) },
            { ExcludedTestPatient, new Definition(HamletErrorCategory.InvalidArgument, false) },
            { DuplicateSopInstance, new Definition(HamletErrorCategory.InvalidArgument, false) },
            { OutputWouldOverwriteInput, new Definition(HamletErrorCategory.InvalidArgument, false) },
            { PixelIdentifierRisk, new Definition(HamletErrorCategory.SecurityError, false) },
            { PixelDataNotMaskable, new Definition(HamletErrorCategory.SecurityError, false) },
            { ProtectionFailed, new Definition(HamletErrorCategory.InvalidData, false) },
            { UnprotectFailed, new Definition(HamletErrorCategory.InvalidData, false) },
            { VaultRecordMissing, new Definition(HamletErrorCategory.InvalidData, false) },
            { VaultRecordMismatch, new Definition(HamletErrorCategory.SecurityError, false) },
            { VaultRecordConflict, new Definition(HamletErrorCategory.SecurityError, false) },
            { VaultRecordDamaged, new Definition(HamletErrorCategory.InvalidData, false) },
            { VaultRecordTampered, new Definition(HamletErrorCategory.SecurityError, false) },
            { FileNotDeidentified, new Definition(HamletErrorCategory.InvalidData, false) },
            { FileNotSealed, new Definition(HamletErrorCategory.SecurityError, false) },
            { LinkNotFollowed, new Definition(HamletErrorCategory.SecurityError, false) },
            { ArchiveRefused, new Definition(HamletErrorCategory.SecurityError, false) },
            { ArchiveFailed, new Definition(HamletErrorCategory.ReadOrWriteError, false) },
            { ClearFailed, new Definition(HamletErrorCategory.ReadOrWriteError, false) },
            { ExportFailed, new Definition(HamletErrorCategory.ReadOrWriteError, false) },
            { PipelineFailed, new Definition(HamletErrorCategory.OperationStopped, false) },
            { DicomSendFailed, new Definition(HamletErrorCategory.ConnectionError, false) },
            { DicomStoreRefused, new Definition(HamletErrorCategory.ReadOrWriteError, false) },
            { DicomEchoFailed, new Definition(HamletErrorCategory.ConnectionError, false) },
            { DicomConnectionFailed, new Definition(HamletErrorCategory.ConnectionError, false) },
            { DicomAssociationRejected, new Definition(HamletErrorCategory.ConnectionError, false) },
            { DicomAssociationAborted, new Definition(HamletErrorCategory.ConnectionError, false) },
            { DicomQueryRefused, new Definition(HamletErrorCategory.ConnectionError, false) },
            { DicomInvalidResponse, new Definition(HamletErrorCategory.InvalidData, false) },
            { MoveDestinationUnknown, new Definition(HamletErrorCategory.ConnectionError, false) },
            { DicomInstanceNotFound, new Definition(HamletErrorCategory.NotFound, false) },
            { DicomInstanceNotReceived, new Definition(HamletErrorCategory.ConnectionError, false) },
            { DicomSubOperationFailed, new Definition(HamletErrorCategory.ConnectionError, false) },
            { PacsPullFailed, new Definition(HamletErrorCategory.ConnectionError, false) },
            { UnexpectedValueRepresentation, new Definition(HamletErrorCategory.InvalidData, false) },
            { AuthenticationFailed, new Definition(HamletErrorCategory.AuthenticationError, false) },
            { ShareNotFound, new Definition(HamletErrorCategory.NotFound, false) },
            { RemoteItemNotFound, new Definition(HamletErrorCategory.NotFound, false) },
            { TransientFailure, new Definition(HamletErrorCategory.ConnectionError, false) },
            { LocalFileChanged, new Definition(HamletErrorCategory.InvalidData, false) },
            { VerificationFailed, new Definition(HamletErrorCategory.InvalidResult, false) },
            { RemoteFileDiffers, new Definition(HamletErrorCategory.ResourceExists, false) },
            { ShareOperationFailed, new Definition(HamletErrorCategory.ReadOrWriteError, false) },
            { Port445Blocked, new Definition(HamletErrorCategory.ConnectionError, false) },
            { ShareUnreachable, new Definition(HamletErrorCategory.ConnectionError, false) },
            { IncomingFolderNotWritable, new Definition(HamletErrorCategory.ResourceUnavailable, false) },
            { Cancelled, new Definition(HamletErrorCategory.OperationStopped, false) },
            { InternalError, new Definition(HamletErrorCategory.OperationStopped, false) },
        };

        /// <summary>Every id of the list.</summary>
        public static IEnumerable<string> All => Definitions.Keys;

        /// <summary>Whether <paramref name="errorId"/> is one of the list.</summary>
        public static bool IsKnown(string errorId) => errorId != null && Definitions.ContainsKey(errorId);

        /// <summary>The category of an id of the list (<see cref="HamletErrorCategory.InvalidData"/> for an unknown id).</summary>
        public static HamletErrorCategory CategoryOf(string errorId) =>
            errorId != null && Definitions.TryGetValue(errorId, out Definition d) ? d.Category : HamletErrorCategory.InvalidData;

        /// <summary>True when the id is a set-up error: nothing was touched, the command stops (terminating error, exit code 2).</summary>
        public static bool IsSetup(string errorId) => errorId != null && Definitions.TryGetValue(errorId, out Definition d) && d.Setup;

        private readonly struct Definition
        {
            public Definition(HamletErrorCategory category, bool setup)
            {
                Category = category;
                Setup = setup;
            }

            public HamletErrorCategory Category { get; }

            public bool Setup { get; }
        }
    }
}
