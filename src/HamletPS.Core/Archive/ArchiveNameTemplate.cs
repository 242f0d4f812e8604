using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace HamletPS.Core.Archive
{
    /// <summary>
    /// Archive file names from a template with the tokens {SITE}, {USER}, {UUID} (random, lower-case, hyphenated),
    /// {DATE} (local date yyyyMMdd) and {STUDYID}. ".zip" is appended when the result does not end with it.
    /// </summary>
    public static class ArchiveNameTemplate
    {
        /// <summary>The default name of a single archive, as the trial's earlier tool named it.</summary>
        public const string Default = "{SITE}_{USER}-{UUID}.zip";

        /// <summary>The default name with -PerPatient: the Study ID, e.g. "123-1001.zip".</summary>
        public const string PerPatientDefault = "{STUDYID}.zip";

        /// <summary>Expands the template. Throws ArgumentException (naming the token, never its value) when the name would be unsafe.</summary>
        public static string Expand(string template, string site, string user, string studyId, DateTime date, Guid uuid)
        {
            if (string.IsNullOrWhiteSpace(template)) throw new ArgumentException("archive name template is empty", nameof(template));
            var sb = new StringBuilder();
            int i = 0;
            while (i < template.Length)
            {
                if (template[i] != '{') { sb.Append(template[i++]); continue; }
                int close = template.IndexOf('}', i);
                if (close < 0) throw new ArgumentException("archive name template: '{' without '}'", nameof(template));
                string token = template.Substring(i + 1, close - i - 1).ToUpperInvariant();
                switch (token)
                {
                    case "SITE": sb.Append(Safe(site, "SITE")); break;
                    case "USER": sb.Append(Safe(user, "USER")); break;
                    case "STUDYID": sb.Append(Safe(studyId, "STUDYID")); break;
                    case "UUID": sb.Append(uuid.ToString("D")); break;
                    case "DATE": sb.Append(date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)); break;
                    default: throw new ArgumentException($"archive name template: unknown token {{{token}}} (known: SITE, USER, UUID, DATE, STUDYID)", nameof(template));
                }
                i = close + 1;
            }
            string name = sb.ToString();
            if (!name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) name += ".zip";
            if (name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.IndexOfAny(new[] { '/', '\\', ':' }) >= 0 || name.StartsWith(".", StringComparison.Ordinal))
                throw new ArgumentException("archive name template: the literal text makes an invalid file name", nameof(template));
            return name;
        }

        /// <summary>True when a token value may appear in a file name: letters, digits, '-', '_', '.', not starting with '.'.</summary>
        public static bool IsSafeToken(string value)
        {
            if (string.IsNullOrEmpty(value) || value[0] == '.' || value.Length > 100) return false;
            foreach (char c in value)
                if (!(c < 128 && (char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.'))) return false;
            return true;
        }

        private static string Safe(string value, string token)
        {
            if (!IsSafeToken(value))
                throw new ArgumentException($"archive name: the {token} value is empty or has characters other than letters, digits, '-', '_' and '.'");
            return value;
        }
    }
}
