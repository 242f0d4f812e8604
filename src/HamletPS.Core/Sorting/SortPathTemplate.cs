using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HamletPS.Core.Sorting
{
    /// <summary>
    /// The sorted-tree layout, e.g. <c>{PatientID}/{StudyInstanceUID}/{Modality}_{SeriesNumber}_{SeriesInstanceUID}/{SOPInstanceUID}.dcm</c>
    /// (the default). Placeholders: {PatientID} {StudyInstanceUID} {SeriesInstanceUID} {SOPInstanceUID} {Modality}
    /// {SeriesNumber} {InstanceNumber} {StudyDate} {StudyID}. <c>/</c> or <c>\</c> separate folders; each expanded component is
    /// sanitised (characters not allowed in Windows or Unix file names become <c>_</c>, reserved device names and <c>.</c>/<c>..</c>
    /// are escaped, trailing dots and spaces dropped); an empty value becomes <c>UNKNOWN</c>. A component longer than 128
    /// characters or <see cref="MaxComponentBytes"/> UTF-8 bytes (ext4 and most Unix file systems allow 255 bytes per name, and
    /// temporary and reason-file suffixes are added to it) is cut and ends in <c>~</c> and 16 hex digits of the SHA-256 of the
    /// whole component, so it fits and two long values never share a name.
    /// </summary>
    public sealed class SortPathTemplate
    {
        public const string Default = "{PatientID}/{StudyInstanceUID}/{Modality}_{SeriesNumber}_{SeriesInstanceUID}/{SOPInstanceUID}.dcm";

        public static readonly IReadOnlyList<string> Placeholders = new[]
        {
            "PatientID", "StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "Modality", "SeriesNumber", "InstanceNumber", "StudyDate", "StudyID",
        };

        private const int MaxComponentLength = 128;

        /// <summary>Most UTF-8 bytes of one file or folder name built from values (leaves room for suffixes within 255 bytes).</summary>
        public const int MaxComponentBytes = 200;
        private static readonly Regex Token = new Regex(@"\{([A-Za-z]+)\}", RegexOptions.CultureInvariant);
        private static readonly HashSet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
        };

        private readonly string[] _components;

        public SortPathTemplate(string template)
        {
            if (string.IsNullOrWhiteSpace(template)) template = Default;
            Text = template;
            _components = template.Split(new[] { '/', '\\' });
            for (int i = 0; i < _components.Length; i++)
            {
                string component = _components[i];
                if (component.Length == 0 || component == "." || component == "..")
                    throw new ArgumentException("The sort template '" + template + "' has an empty, '.' or '..' folder name.", nameof(template));
                foreach (Match m in Token.Matches(component))
                {
                    if (IndexOf(m.Groups[1].Value) < 0)
                        throw new ArgumentException("The sort template '" + template + "' has an unknown placeholder {" + m.Groups[1].Value +
                            "}; known: {" + string.Join("} {", Placeholders) + "}.", nameof(template));
                }
                if (Token.Replace(component, string.Empty).IndexOfAny(new[] { '{', '}' }) >= 0)
                    throw new ArgumentException("The sort template '" + template + "' has an unbalanced brace.", nameof(template));
            }
            if (!Token.IsMatch(_components[_components.Length - 1]))
                throw new ArgumentException("The sort template's file name must contain a placeholder (e.g. {SOPInstanceUID}.dcm).", nameof(template));
        }

        public string Text { get; }

        /// <summary>The relative path (with the platform's separator) for a file whose attributes are <paramref name="values"/>
        /// (keys are placeholder names; missing keys count as empty).</summary>
        public string Expand(IDictionary<string, string> values)
        {
            var parts = new string[_components.Length];
            for (int i = 0; i < _components.Length; i++)
            {
                string expanded = Token.Replace(_components[i], m =>
                {
                    values.TryGetValue(Placeholders[IndexOf(m.Groups[1].Value)], out string v);
                    return string.IsNullOrWhiteSpace(v) ? "UNKNOWN" : v.Trim();
                });
                parts[i] = SanitizeComponent(expanded);
            }
            return string.Join(System.IO.Path.DirectorySeparatorChar.ToString(CultureInfo.InvariantCulture), parts);
        }

        /// <summary>Makes one file or folder name safe on Windows and Unix.</summary>
        public static string SanitizeComponent(string name)
        {
            var sb = new StringBuilder(name.Length);
            foreach (char c in name)
            {
                bool bad = c < 0x20 || c == 0x7F || c == '<' || c == '>' || c == ':' || c == '"' || c == '/' || c == '\\' || c == '|' || c == '?' || c == '*';
                sb.Append(bad ? '_' : c);
            }
            string result = sb.ToString().TrimEnd('.', ' ').TrimStart(' ');
            if (result.Length == 0) return "UNKNOWN";
            string stem = result.Split('.')[0];
            if (Reserved.Contains(stem)) result = "_" + result;
            return FitComponent(result);
        }

        /// <summary>
        /// The name unchanged when it has at most 128 characters and <see cref="MaxComponentBytes"/> UTF-8 bytes; else its longest
        /// prefix that leaves room (never splitting a surrogate pair) followed by <c>~</c> and 16 hex digits of the SHA-256 of the
        /// whole name.
        /// </summary>
        public static string FitComponent(string name)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            if (name.Length <= MaxComponentLength && Encoding.UTF8.GetByteCount(name) <= MaxComponentBytes) return name;
            string hash;
            using (var sha = System.Security.Cryptography.SHA256.Create())
            {
                byte[] digest = sha.ComputeHash(Encoding.UTF8.GetBytes(name));
                var hex = new StringBuilder(16);
                for (int i = 0; i < 8; i++) hex.Append(digest[i].ToString("x2", CultureInfo.InvariantCulture));
                hash = hex.ToString();
            }
            int budgetBytes = MaxComponentBytes - 1 - hash.Length, budgetChars = MaxComponentLength - 1 - hash.Length;
            int end = 0, bytes = 0;
            while (end < name.Length && end < budgetChars)
            {
                int width = char.IsHighSurrogate(name[end]) && end + 1 < name.Length ? 2 : 1;
                int size = Encoding.UTF8.GetByteCount(name.ToCharArray(end, width));
                if (bytes + size > budgetBytes || end + width > budgetChars) break;
                bytes += size;
                end += width;
            }
            return name.Substring(0, end).TrimEnd('.', ' ') + "~" + hash;
        }

        private static int IndexOf(string placeholder)
        {
            for (int i = 0; i < Placeholders.Count; i++)
            {
                if (string.Equals(Placeholders[i], placeholder, StringComparison.OrdinalIgnoreCase)) return i;
            }
            return -1;
        }
    }
}
