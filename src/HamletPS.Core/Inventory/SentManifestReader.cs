#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using HamletPS.Core.Archive;
using HamletPS.Core.FileSystem;

namespace HamletPS.Core.Inventory
{
    /// <summary>
    /// What the archives in OUTGOING say was sent: every row of the manifest.json of each <c>*.zip</c> in the folder (not below
    /// it; links are not followed). New-HamletArchive run by hand records nothing in a journal, so its archives count here. An
    /// archive without a readable manifest stops the inventory with <see cref="ErrorIds.SentRecordUnreadable"/> naming the file:
    /// passing over it would report what it holds as never sent.
    /// </summary>
    public static class SentManifestReader
    {
        /// <summary>The instances listed by the archives of <paramref name="folder"/>; none when it does not exist.</summary>
        public static IEnumerable<SentRecord> Read(string folder, CancellationToken cancellationToken = default)
        {
            if (folder == null) throw new ArgumentNullException(nameof(folder));
            if (!Directory.Exists(folder)) return Enumerable.Empty<SentRecord>();
            var sent = new List<SentRecord>();
            List<string> archives;
            try
            {
                archives = FileTree.Files(folder, recurse: false).Where(f => f.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)).ToList();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw Unreadable(folder, "the folder cannot be listed (" + ex.Message + ")", ex);
            }
            archives.Sort(StringComparer.Ordinal);
            foreach (string zip in archives)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ArchiveManifest manifest;
                try
                {
                    manifest = ArchiveManifestReader.Read(zip);
                }
                catch (Exception ex) when (ex is IOException || ex is InvalidDataException || ex is UnauthorizedAccessException || ex is FormatException || ex is System.Text.Json.JsonException)
                {
                    throw Unreadable(zip, "its manifest cannot be read (" + ex.GetType().Name + ")", ex);
                }
                DateTime created = DateTime.SpecifyKind(manifest.CreatedUtc, DateTimeKind.Utc);
                foreach (ArchiveManifestRow row in manifest.Rows)
                {
                    if (string.IsNullOrEmpty(row.SopInstanceUid)) continue; // a non-DICOM entry
                    sent.Add(new SentRecord(row.SopInstanceUid, row.StudyId, created));
                }
            }
            return sent;
        }

        private static HamletException Unreadable(string file, string reason, Exception inner) =>
            new HamletException(ErrorIds.SentRecordUnreadable,
                "The archive " + file + " cannot be read: " + reason + ". Without it the inventory cannot tell what was sent, so nothing is reported.", inner,
                "Move an archive that is not HamletPS's out of the outgoing folder, or repair it, then run the inventory again.");
    }
}
