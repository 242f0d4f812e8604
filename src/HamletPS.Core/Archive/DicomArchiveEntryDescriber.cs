using System;
using HamletPS.Core.Inspection;
using HamletPS.Core.Security;
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
    /// throws <see cref="NotDeidentifiedException"/> and fails the archive (fail closed: an unprotected file never goes out). Temporary names (<see cref="TemporaryFileName.IsTemporary"/>) are left out;
    /// a file that is not readable DICOM throws (<see cref="HamletPS.Dicom.DicomFormatException"/>), failing the archive: the
    /// protected tree must hold nothing else. <see cref="Describe"/> alone is the pipeline's callback (it archives only the
    /// files its own protect step wrote in this run); New-HamletArchive and `hamlet archive` use <see cref="Sealed"/>, which
    /// also requires this site's protect seal.
    /// </summary>
    public static class DicomArchiveEntryDescriber
    {
        public static ArchiveEntryInfo Describe(string path)
        {
            if (TemporaryFileName.IsTemporary(System.IO.Path.GetFileName(path))) return null;
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

        /// <summary>
        /// The describe callback of New-HamletArchive and `hamlet archive`: a file goes into the archive only when it carries
        /// this site's protect seal (<see cref="ProtectedFileSeal"/>, checked with <paramref name="sealKey"/>) over its present
        /// content, and then only when its Patient Identity Removed is YES. Anything else throws
        /// <see cref="FileNotSealedException"/> (what the sender wrote in the file is never taken as proof).
        /// </summary>
        public static Func<string, ArchiveEntryInfo> Sealed(byte[] sealKey)
        {
            if (sealKey == null) throw new ArgumentNullException(nameof(sealKey));
            byte[] key = (byte[])sealKey.Clone();
            return path =>
            {
                if (TemporaryFileName.IsTemporary(System.IO.Path.GetFileName(path))) return null;
                switch (ProtectedFileSeal.Check(path, key, out _))
                {
                    case ProtectedFileSeal.Status.Sealed:
                        return Describe(path);
                    case ProtectedFileSeal.Status.Mismatch:
                        throw new FileNotSealedException(path, "a file's protect seal does not match its content (changed after protection, or protected with another site's key): it is not archived");
                    case ProtectedFileSeal.Status.NotPart10:
                        throw new FileNotSealedException(path, "a file is not a DICOM Part 10 file written by this site's protect step: it is not archived");
                    default:
                        throw new FileNotSealedException(path, "a file was not written by this site's protect step (no protect seal), whatever its Patient Identity Removed says: it is not archived");
                }
            };
        }

        /// <summary>The callback as a delegate, for <see cref="HamletArchiveBuilder.Build"/>.</summary>
        public static Func<string, ArchiveEntryInfo> Callback { get; } = Describe;
    }
}
