using System;
using System.Globalization;
using System.IO;
using System.Threading;

namespace HamletPS.Dicom.IO
{
    /// <summary>
    /// The one rule for the names of files still being written. Every writer of HamletPS writes to such a name and renames it
    /// to the final name when the file is complete (<see cref="FileRename"/>); every reader, sorter, archiver, cleaner and
    /// recovery that walks a folder skips or recovers them with <see cref="IsTemporary"/>. A temporary name ends in
    /// <see cref="Suffix"/> (".partial"), in one of three shapes:
    /// <list type="bullet">
    /// <item><see cref="Beside"/>: <c>.&lt;final name&gt;.&lt;12 hex digits&gt;.partial</c> next to the final file, hidden on
    /// Unix, unique (for writers that may meet another writer of the same name: DicomFile.Save, the vault, the review page, the
    /// configuration template, the upload ledger, the synthetic samples).</item>
    /// <item><see cref="InFolder"/>: <c>.&lt;12 hex digits&gt;.partial</c> when the final name is not known yet (a received
    /// C-STORE data set is named by its SOP Instance UID once parsed; the archive's spill files).</item>
    /// <item><see cref="Fixed"/>: <c>&lt;final name&gt;.partial</c> for a writer that alone writes its target and finds its
    /// own leftover by name (the sorter under its folder lock, the archive writer, the quarantine, the SMB copier, the
    /// generators): the shortest suffix, which the sorted tree's path budget reserves.</item>
    /// </list>
    /// Files that earlier versions left under the old DicomFile name (<c>.&lt;name&gt;.&lt;hex&gt;.tmp</c>) are recognised too.
    /// The upload's name on the share (<c>name.partial-&lt;content key&gt;</c>) is the upload protocol's, not a local file.
    /// </summary>
    public static class TemporaryFileName
    {
        /// <summary>The ending of every temporary name.</summary>
        public const string Suffix = ".partial";

        /// <summary>How many hexadecimal digits make a temporary name unique.</summary>
        public const int UniqueLength = 12;

        /// <summary>How many characters <see cref="Beside"/> adds to the final path ("." before the name, "." + 12 hex digits + ".partial" after it): path-length budgets keep this free.</summary>
        public const int BesideOverhead = 1 + 1 + UniqueLength + 8;

        /// <summary>How many characters <see cref="Fixed"/> adds to the final path.</summary>
        public const int FixedOverhead = 8;

        /// <summary>The legacy ending of DicomFile's temporary names before this rule (recognised, never made).</summary>
        private const string LegacyHiddenSuffix = ".tmp";

        private const ulong Mask = (1UL << (4 * UniqueLength)) - 1;
        private static readonly ulong Start = StartValue();
        private static long _counter;

        /// <summary>A unique temporary name next to <paramref name="finalPath"/>: <c>&lt;folder&gt;/.&lt;name&gt;.&lt;12 hex&gt;.partial</c>.</summary>
        public static string Beside(string finalPath)
        {
            if (finalPath == null) throw new ArgumentNullException(nameof(finalPath));
            string folder = Path.GetDirectoryName(finalPath);
            string name = "." + Path.GetFileName(finalPath) + "." + Unique() + Suffix;
            return string.IsNullOrEmpty(folder) ? name : Path.Combine(folder, name);
        }

        /// <summary>A unique temporary name in <paramref name="folder"/> for a file whose final name is not known yet: <c>.&lt;12 hex&gt;.partial</c>.</summary>
        public static string InFolder(string folder)
        {
            if (folder == null) throw new ArgumentNullException(nameof(folder));
            return Path.Combine(folder, "." + Unique() + Suffix);
        }

        /// <summary>The one temporary name of a target only its writer writes: <c>&lt;final path&gt;.partial</c>.</summary>
        public static string Fixed(string finalPath)
        {
            if (finalPath == null) throw new ArgumentNullException(nameof(finalPath));
            return finalPath + Suffix;
        }

        /// <summary>
        /// True when <paramref name="fileName"/> (a name, not a path) is a file still being written, by any shape of this rule or
        /// the earlier DicomFile name (a hidden name ending in ".tmp"). Case is ignored (a copy through Windows may change it).
        /// </summary>
        public static bool IsTemporary(string fileName)
        {
            if (string.IsNullOrEmpty(fileName)) return false;
            if (fileName.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase)) return true;
            return fileName.Length > 1 && fileName[0] == '.' && fileName.EndsWith(LegacyHiddenSuffix, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// The unique part ("3f9c0a6e12b7"): 48 bits that never repeat within a process (a counter from a random start through
        /// a bijective mix of 48-bit values), so two names of one process never collide. Names of two processes matter only while
        /// both files exist (a temporary file lives for one write): with a few dozen writers in one folder the odds are about
        /// 10^-12 per file, and the DICOM writers create with "create new", so a collision fails that write and never overwrites.
        /// The 12 digits keep <see cref="BesideOverhead"/> at the 22 characters path budgets have always reserved. Unlike
        /// Guid.NewGuid, it costs no system call per file.
        /// </summary>
        internal static string Unique()
        {
            ulong x = (Start + (ulong)Interlocked.Increment(ref _counter)) & Mask;
            // xorshift-multiply rounds: each step is a bijection of 48-bit values (odd multipliers modulo 2^48)
            x ^= x >> 24;
            x = (x * 0xBF58476D1CE5UL) & Mask;
            x ^= x >> 23;
            x = (x * 0x94D049BB1331UL) & Mask;
            x ^= x >> 24;
            return x.ToString("x12", CultureInfo.InvariantCulture);
        }

        private static ulong StartValue()
        {
            byte[] bytes = Guid.NewGuid().ToByteArray();
            return BitConverter.ToUInt64(bytes, 0) ^ BitConverter.ToUInt64(bytes, 8);
        }
    }
}
