using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;

namespace HamletPS.Dicom.Storage
{
    /// <summary>
    /// At receiver start, the <c>.*.partial</c> files an earlier run left behind. Where a rename is not made durable before
    /// the peer is answered (Windows without the write-through rename, a file system that loses renames), a power cut can
    /// leave an acknowledged file only under its temporary name; deleting it would lose data the peer believes stored. So a
    /// complete one — a Part 10 file whose meta group names a valid SOP instance, whose data set parses to the end of the
    /// file without running past it, agrees with the meta group, and (for image storage) reaches its Pixel Data — is put
    /// in place as <c>&lt;SOPInstanceUID&gt;.dcm</c> (never over an existing file); anything else is deleted.
    /// </summary>
    internal static class PartialFileRecovery
    {
        private static readonly DicomTag PixelData = new DicomTag(0x7FE0, 0x0010);

        /// <summary>Recovers or deletes every stale temporary file of <paramref name="folder"/>; returns the files recovered.</summary>
        public static IReadOnlyList<string> Run(IStorageFileSystem fs, string folder)
        {
            var recovered = new List<string>();
            foreach (string stale in fs.EnumerateFiles(folder, ".*" + TemporaryFileName.Suffix).ToList())
            {
                try
                {
                    string? sop = CompleteSopInstance(fs, stale);
                    if (sop != null && fs.TryMoveNoReplace(stale, Path.Combine(folder, sop + ".dcm")))
                    {
                        recovered.Add(Path.Combine(folder, sop + ".dcm"));
                        continue;
                    }
                    fs.Delete(stale);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    // left for the next start
                }
            }
            return recovered;
        }

        /// <summary>The SOP Instance UID of a complete received file, or null.</summary>
        internal static string? CompleteSopInstance(IStorageFileSystem fs, string path)
        {
            using (Stream stream = fs.OpenRead(path))
            {
                FileMetaInformationProbe meta;
                DicomFile parsed;
                try
                {
                    meta = FileMetaInformationProbe.Read(stream, path);
                    if (!DicomUids.IsValidUid(meta.SopInstanceUid) || !DicomUids.IsValidUid(meta.SopClassUid) || meta.TransferSyntaxUid == null) return null;
                    stream.Position = 0;
                    parsed = DicomFile.Read(stream, path, new DicomReadOptions());
                }
                catch (Exception ex) when (ex is DicomFormatException || ex is InvalidOperationException || ex is ArgumentException || ex is OverflowException || ex is NotSupportedException || ex is FormatException || ex is EndOfStreamException)
                {
                    return null;
                }
                if (!parsed.IsComplete) return null;
                if (parsed.Dataset.GetUid(DicomTags.SOPInstanceUID) != meta.SopInstanceUid) return null;
                if (parsed.Dataset.GetUid(DicomTags.SOPClassUID) != meta.SopClassUid) return null;
                string className = DicomUids.GetName(meta.SopClassUid) ?? string.Empty;
                if (className.IndexOf("Image Storage", StringComparison.OrdinalIgnoreCase) >= 0 && !parsed.Dataset.Contains(PixelData)) return null;
                return meta.SopInstanceUid;
            }
        }
    }
}
