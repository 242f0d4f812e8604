#nullable enable
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace HamletPS.Dicom.IO
{
    /// <summary>
    /// The one definition of "the same path" and "a path inside a folder" in HamletPS (here, below Core, so the toolkit's own
    /// file code uses it too). Every comparison of paths (guards
    /// such as "never clear OUTGOING", "the vault stays outside the protected tree", sets of files keyed by path) goes
    /// through one of these rules, never through <c>string.StartsWith</c> or <c>string.Equals</c> on paths.
    /// <list type="bullet">
    /// <item><see cref="Windows"/>: case-insensitive (ordinal, as NTFS and SMB shares compare names), <c>\</c> and <c>/</c> are
    /// both separators, UNC (<c>\\server\share</c>, <c>//server/share</c>) and the <c>\\?\</c> and <c>\\?\UNC\</c> prefixes.</item>
    /// <item><see cref="MacOS"/>: case-insensitive (the default APFS/HFS+ volume), <c>/</c> only.</item>
    /// <item><see cref="Linux"/>: ordinal (case matters), <c>/</c> only (a backslash is an ordinary character of a name).</item>
    /// </list>
    /// Paths are compared after <see cref="Normalize"/>: separators unified, repeated separators collapsed (keeping the two of a
    /// UNC start), trailing separators removed except at a root. The rules are pure string rules, so the Windows rule is tested
    /// on Linux; callers pass full paths (<see cref="System.IO.Path.GetFullPath(string)"/>), since "." and ".." are not resolved here.
    /// </summary>
    public sealed class PathRules : IEqualityComparer<string>
    {
        public static readonly PathRules Windows = new PathRules("Windows", ignoreCase: true, windowsSeparators: true);
        public static readonly PathRules MacOS = new PathRules("macOS", ignoreCase: true, windowsSeparators: false);
        public static readonly PathRules Linux = new PathRules("Linux", ignoreCase: false, windowsSeparators: false);

        /// <summary>The rule of the operating system this process runs on.</summary>
        public static PathRules Current { get; } =
            System.IO.Path.DirectorySeparatorChar == '\\' ? Windows
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? MacOS
            : Linux;

        /// <summary>
        /// The rule for a path written in a configuration file that may come from another machine: <see cref="Windows"/> when it
        /// is shaped like a Windows path (drive letter, UNC), else <see cref="Current"/>.
        /// </summary>
        public static PathRules For(string path)
        {
            if (path == null || Current == Windows) return Current;
            bool drive = path.Length >= 2 && path[1] == ':' && (path[0] >= 'A' && path[0] <= 'Z' || path[0] >= 'a' && path[0] <= 'z');
            bool unc = path.StartsWith("\\\\", StringComparison.Ordinal);
            return drive || unc ? Windows : Current;
        }

        private readonly bool _windows;

        private PathRules(string name, bool ignoreCase, bool windowsSeparators)
        {
            Name = name;
            IgnoreCase = ignoreCase;
            _windows = windowsSeparators;
            Comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        }

        public string Name { get; }

        /// <summary>True when names differing only in case are the same file.</summary>
        public bool IgnoreCase { get; }

        /// <summary>How two normalised paths compare.</summary>
        public StringComparison Comparison { get; }

        private char Separator => _windows ? '\\' : '/';

        private bool IsSeparator(char c) => c == '/' || _windows && c == '\\';

        /// <summary>The path with separators unified, repeats collapsed and trailing separators removed (a root keeps its own).</summary>
        public string Normalize(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            string p = path;
            if (_windows)
            {
                if (p.StartsWith(@"\\?\UNC\", StringComparison.OrdinalIgnoreCase) || p.StartsWith("//?/UNC/", StringComparison.OrdinalIgnoreCase)) p = @"\\" + p.Substring(8);
                else if (p.StartsWith(@"\\?\", StringComparison.Ordinal) || p.StartsWith("//?/", StringComparison.Ordinal)) p = p.Substring(4);
            }
            var chars = new char[p.Length];
            int n = 0;
            int start = 0;
            if (_windows && p.Length >= 2 && IsSeparator(p[0]) && IsSeparator(p[1]))
            {
                chars[n++] = '\\';
                chars[n++] = '\\';
                start = 2;
                while (start < p.Length && IsSeparator(p[start])) start++;
            }
            for (int i = start; i < p.Length; i++)
            {
                char c = p[i];
                if (IsSeparator(c))
                {
                    if (n > 0 && chars[n - 1] == Separator && !(n == 2 && _windows && chars[0] == '\\' && chars[1] == '\\')) continue;
                    chars[n++] = Separator;
                }
                else chars[n++] = c;
            }
            // Trailing separators go, except the root's own: "/", "C:\", "\\" (the start of a UNC path).
            while (n > 1 && chars[n - 1] == Separator && !IsRootLength(chars, n)) n--;
            return new string(chars, 0, n);
        }

        private bool IsRootLength(char[] chars, int n)
        {
            if (!_windows) return n == 1;
            if (n == 3 && chars[1] == ':') return true;
            return n <= 2 && chars[0] == '\\';
        }

        /// <summary>True when both name the same path under this rule.</summary>
        public bool AreSame(string a, string b)
        {
            if (a == null || b == null) return a == null && b == null;
            return string.Equals(Normalize(a), Normalize(b), Comparison);
        }

        /// <summary>True when <paramref name="path"/> lies strictly below <paramref name="folder"/> (C:\ab is not inside C:\a).</summary>
        public bool IsInside(string path, string folder)
        {
            if (path == null || folder == null) return false;
            string p = Normalize(path);
            string f = Normalize(folder);
            string prefix = f.Length > 0 && f[f.Length - 1] == Separator ? f : f + Separator;
            return p.Length > prefix.Length && p.StartsWith(prefix, Comparison);
        }

        /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or lies below it.</summary>
        public bool IsSameOrInside(string path, string folder) => AreSame(path, folder) || IsInside(path, folder);

        /// <summary>
        /// A stable text for a path that is equal for every spelling of the same path under this rule (normalised; upper-cased
        /// where case is ignored): for keys that outlive the process, such as the upload ledger's.
        /// </summary>
        public string KeyOf(string path)
        {
            string p = Normalize(path);
            return IgnoreCase ? p.ToUpperInvariant() : p;
        }

        bool IEqualityComparer<string>.Equals(string x, string y) => AreSame(x, y);

        public int GetHashCode(string path)
        {
            if (path == null) return 0;
            string p = Normalize(path);
            return IgnoreCase ? StringComparer.OrdinalIgnoreCase.GetHashCode(p) : StringComparer.Ordinal.GetHashCode(p);
        }

        public override string ToString() => Name + " path rules";
    }
}
