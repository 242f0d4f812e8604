using System;
using HamletPS.Core.Inspection;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Archive
{
    /// <summary>
    /// The DICOM-aware <c>describe</c> callback of <see cref="HamletArchiveBuilder.Build"/>: reads each protected file's header
    /// (everything before Pixel Data) for its manifest row. The Study ID is the protected file's Patient ID (the trial Study ID
    /// or pseudonym Protect-DicomPatient wrote there). Files already compressed (encapsulated transfer syntaxes: JPEG, JPEG-LS,
    /// JPEG 2000, RLE…, and deflated datasets) are stored, the rest deflated. A file whose Patient Identity Removed is not YES
    /// throws <see cref="NotDeidentifiedException"/> and fails the archive (fail closed: an unprotected file never goes out). Temporary names (<see cref="IsTemporaryName"/>) are left out;
    /// a file that is not readable DICOM throws (<see cref="HamletPS.Dicom.DicomFormatException"/>), failing the archive: the
    /// protected tree must hold nothing else.
    /// </summary>
    public static class DicomArchiveEntryDescriber
    {
        public static ArchiveEntryInfo Describe(string path)
        {
            if (IsTemporaryName(System.IO.Path.GetFileName(path))) return null;
            DicomFile file = DicomFile.Open(path, DicomReadOptions.HeaderOnly);
            DicomDataset ds = file.Dataset;
            if (!string.Equals(ds.GetString(DicomTags.PatientIdentityRemoved)?.Trim(), "YES", StringComparison.Ordinal))
            {
                throw new NotDeidentifiedException(path);
            }
            string sopClass = file.SopClassUid;
            DicomTransferSyntax ts = file.TransferSyntax;
            return new ArchiveEntryInfo
            {
                StudyId = ds.GetString(DicomTags.PatientID)?.Trim(),
                StudyInstanceUid = ds.GetUid(DicomTags.StudyInstanceUID),
                SeriesInstanceUid = ds.GetUid(DicomTags.SeriesInstanceUID),
                SopInstanceUid = file.SopInstanceUid,
                Modality = ds.GetString(DicomTags.Modality)?.Trim(),
                SopClassUid = sopClass,
                SopClassName = sopClass == null ? null : DicomUids.GetName(sopClass) ?? sopClass,
                Compression = ts != null && (ts.IsEncapsulated || ts.IsDeflated) ? ZipCompressionMethod.Store : ZipCompressionMethod.Deflate,
            };
        }

        /// <summary>Names of files still being written: <c>*.partial</c> (our copiers) and <c>.&lt;name&gt;.&lt;random&gt;.tmp</c> (DicomFile.Save).</summary>
        public static bool IsTemporaryName(string fileName) =>
            DicomFileEnumerator.IsTemporaryName(fileName) ||
            fileName.StartsWith(".", StringComparison.Ordinal) && fileName.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase);

        /// <summary>The callback as a delegate, for <see cref="HamletArchiveBuilder.Build"/>.</summary>
        public static Func<string, ArchiveEntryInfo> Callback { get; } = Describe;
    }
}
