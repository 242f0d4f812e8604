using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Sorting
{
    /// <summary>
    /// The length budget of the paths the sorter builds. Windows PowerShell 5.1 (.NET Framework) refuses paths of 260
    /// characters or more whatever LongPathsEnabled says, and the default layout's worst case (64-character Patient ID and
    /// UIDs) is about 292 characters below the SORTED root. So on Windows a sorted path, plus the longest suffix added to it
    /// later (<c>.partial</c> while copying, <c>~NN</c> for a conflict), must stay within 259 characters: when it would not,
    /// the UIDs in it are shortened, SOP Instance UID first, then Series, then Study, to <see cref="ShortUid"/> (a
    /// 17-character hash form that is the same for the same UID on every run, so duplicates are still found). When even that
    /// does not fit, the file is not sorted and the reason names the lengths (choose a shorter SORTED folder).
    /// Elsewhere the limit is PATH_MAX (4095). Name bytes per component (255) are a separate rule. The protector uses the same
    /// rule (<see cref="TryFit"/>) with the reserve of its own temporary names (<see cref="ProtectedSuffixReserve"/>).
    /// </summary>
    public sealed class PathLengthBudget
    {
        /// <summary>MAX_PATH (260) less the terminating NUL: the longest full path .NET Framework accepts.</summary>
        public const int WindowsMaxPath = 259;

        /// <summary>Linux PATH_MAX less the terminating NUL.</summary>
        public const int UnixMaxPath = 4095;

        /// <summary>Characters kept free for suffixes added to a sorted path: ".partial" (8) and a conflict's "~NN" (3).</summary>
        public const int SuffixReserve = 11;

        /// <summary>
        /// Characters kept free after a protected file's name: its temporary name <c>.&lt;name&gt;.&lt;16 hex&gt;.tmp</c>
        /// (<see cref="HamletPS.Dicom.Data.DicomFile.TemporaryNameOverhead"/>, 22) is the longest name it has on disk.
        /// </summary>
        public const int ProtectedSuffixReserve = HamletPS.Dicom.Data.DicomFile.TemporaryNameOverhead;

        /// <summary>The UID placeholders of a path, in the order they are shortened.</summary>
        public static IReadOnlyList<string> ShorteningOrder { get; } = new[] { "SOPInstanceUID", "SeriesInstanceUID", "StudyInstanceUID" };

        /// <param name="maxPathLength">The longest full path allowed; 0 for the platform's (<see cref="PlatformDefault"/>).</param>
        /// <param name="suffixReserve">Characters kept free for the longest temporary name of the path (default: the sorter's).</param>
        public PathLengthBudget(int maxPathLength = 0, int suffixReserve = SuffixReserve)
        {
            if (maxPathLength < 0) throw new ArgumentOutOfRangeException(nameof(maxPathLength));
            if (suffixReserve < 0) throw new ArgumentOutOfRangeException(nameof(suffixReserve));
            MaxPathLength = maxPathLength == 0 ? PlatformDefault : maxPathLength;
            Reserve = suffixReserve;
        }

        /// <summary>259 on Windows (any runtime, so the layout does not change between PowerShell 5.1 and 7), else 4095.</summary>
        public static int PlatformDefault => PlatformIO.IsWindows ? WindowsMaxPath : UnixMaxPath;

        public int MaxPathLength { get; }

        /// <summary>Characters kept free for temporary names (<see cref="SuffixReserve"/> for the sorter).</summary>
        public int Reserve { get; }

        /// <summary>True when <paramref name="fullPath"/> plus <see cref="Reserve"/> fits.</summary>
        public bool Fits(string fullPath) => fullPath.Length + Reserve <= MaxPathLength;

        /// <summary>
        /// The rule itself: builds the full path from <paramref name="values"/> (placeholder name to value) and, while it does
        /// not fit, replaces the UIDs of <see cref="ShorteningOrder"/> present in <paramref name="values"/> by their
        /// <see cref="ShortUid"/> one at a time (SOP, then Series, then Study) and builds it again. Returns whether the last
        /// path built (<paramref name="fullPath"/>) fits; <paramref name="values"/> then holds the forms used.
        /// Deterministic: the same values below the same root always give the same path.
        /// </summary>
        public bool TryFit(IDictionary<string, string> values, Func<IDictionary<string, string>, string> buildFullPath, out string fullPath)
        {
            if (values == null) throw new ArgumentNullException(nameof(values));
            if (buildFullPath == null) throw new ArgumentNullException(nameof(buildFullPath));
            fullPath = buildFullPath(values);
            foreach (string uid in ShorteningOrder)
            {
                if (Fits(fullPath)) return true;
                if (!values.TryGetValue(uid, out string value) || value == null) continue;
                values[uid] = ShortUid(value);
                fullPath = buildFullPath(values);
            }
            return Fits(fullPath);
        }

        /// <summary>
        /// The short form of a UID in a path: "u" and the first 16 hexadecimal digits of the SHA-256 of its ASCII text
        /// (17 characters; 64 bits, so two UIDs of one series meeting is not a practical concern, and a meeting would only make
        /// the sorter keep both files as a conflict).
        /// </summary>
        public static string ShortUid(string uid)
        {
            if (uid == null) return null;
            using (var sha = SHA256.Create())
            {
                byte[] hash = sha.ComputeHash(Encoding.ASCII.GetBytes(uid));
                var sb = new StringBuilder("u", 17);
                for (int i = 0; i < 8; i++) sb.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
                return sb.ToString();
            }
        }

        /// <summary>The reason given when a path cannot be made to fit; lengths only, never a value.</summary>
        public string TooLongReason(string root, int pathLength) =>
            TooLongReason("sorted", root, pathLength) + ": choose a shorter SORTED folder; source left in place";

        /// <summary>The reason without advice: "path too long: the <paramref name="what"/> path would have N characters…".</summary>
        public string TooLongReason(string what, string root, int pathLength) =>
            "path too long: the " + what + " path would have " + pathLength.ToString(CultureInfo.InvariantCulture) + " characters with UIDs shortened, and at most " +
            (MaxPathLength - Reserve).ToString(CultureInfo.InvariantCulture) + " fit (" + MaxPathLength.ToString(CultureInfo.InvariantCulture) +
            " less " + Reserve.ToString(CultureInfo.InvariantCulture) + " for temporary names) below a " + what + " folder of " +
            root.Length.ToString(CultureInfo.InvariantCulture) + " characters";
    }
}
