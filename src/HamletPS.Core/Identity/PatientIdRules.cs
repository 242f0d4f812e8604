using System;
using System.Globalization;

namespace HamletPS.Core.Identity
{
    /// <summary>
    /// What a Patient ID (MRN), a mapping.csv key and a Study ID may contain. A Patient ID is first normalised: leading and
    /// trailing spaces and trailing NULs (padding some senders use) are dropped. Then, to be pseudonymised or listed as a key, it
    /// must be 1 to <see cref="MaxLength"/> characters (the LO limit of PS3.5) of printable ASCII (U+0020 to U+007E) without a
    /// backslash (the DICOM value separator): anything else — a control character, a 300-character value, a non-ASCII letter
    /// that FF1 would carry over unchanged — is refused, never truncated or stripped, so that two patients can never meet under
    /// one pseudonym and nothing the cipher cannot encrypt reaches a protected value. A Study ID, and a Patient ID to be
    /// pseudonymised (whose pseudonym keeps every character but letters and digits in place), become folder and archive
    /// names downstream, so they may not hold <c>/ : * ? " &lt; &gt; |</c>, be "." or "..", or start with a dot. A refused
    /// patient is protected only when listed in mapping.csv, whose keys may also hold printable non-ASCII characters (an
    /// accented letter, a no-break space: a key is only ever compared, never written anywhere) but no control, separator or
    /// replacement character and no backslash. Reasons name the rule and the position of the first offending character, never
    /// the value.
    /// </summary>
    public static class PatientIdRules
    {
        /// <summary>Longest Patient ID, key or Study ID accepted (VR LO: 64 characters).</summary>
        public const int MaxLength = 64;

        /// <summary>The value without its padding (spaces at both ends, trailing NULs); null stays null.</summary>
        public static string Normalize(string value)
        {
            if (value == null) return null;
            int end = value.Length;
            while (end > 0 && (value[end - 1] == '\0' || value[end - 1] == ' ')) end--;
            int start = 0;
            while (start < end && value[start] == ' ') start++;
            return value.Substring(start, end - start);
        }

        /// <summary>Why a normalised Patient ID or Study ID cannot be used ("what" names it in the reason), or null when it can.</summary>
        public static string IdProblem(string normalized, string what) => IdProblem(normalized, what, asciiOnly: true);

        /// <summary>Why a normalised mapping.csv key (an MRN or accession number to look up) cannot be used, or null when it can:
        /// the rules of an ID, except that printable non-ASCII characters are allowed.</summary>
        public static string KeyProblem(string normalized, string what) => IdProblem(normalized, what, asciiOnly: false);

        private static string IdProblem(string normalized, string what, bool asciiOnly)
        {
            if (string.IsNullOrEmpty(normalized)) return what + " is empty";
            if (normalized.Length > MaxLength)
                return what + " has " + normalized.Length.ToString(CultureInfo.InvariantCulture) + " characters; at most " + MaxLength + " are accepted (VR LO)";
            for (int i = 0; i < normalized.Length; i++)
            {
                char c = normalized[i];
                string bad = c < 0x20 || c >= 0x7F && c <= 0x9F ? "a control character"
                    : asciiOnly && c > 0x7E ? "a non-ASCII character"
                    : char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < normalized.Length && char.IsLowSurrogate(normalized[i + 1])) && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(normalized[i - 1])) ? "an unpaired surrogate"
                    : c == '\uFFFD' ? "a replacement character (the file's encoding was misread)"
                    : IsSeparatorOrFormat(c) ? "an invisible separator or format character"
                    : c == '\\' ? "a backslash (the DICOM value separator)"
                    : null;
                if (bad != null) return what + " has " + bad + " at position " + (i + 1).ToString(CultureInfo.InvariantCulture);
            }
            return null;
        }

        private static bool IsSeparatorOrFormat(char c)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.LineSeparator:
                case UnicodeCategory.ParagraphSeparator:
                case UnicodeCategory.Format:           // bidi overrides, zero-width joiners...
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Why a Study ID cannot be used, or null when it can (the rules of an ID, and those of a file name).</summary>
        public static string StudyIdProblem(string studyId) => NameProblem(studyId, "the Study ID");

        /// <summary>The rules of an ID and of a file name: what a Study ID, and a Patient ID to be pseudonymised (FF1 and Vigenère
        /// keep every character that is not a letter or digit, so the pseudonym would carry it), may contain.</summary>
        private static string NameProblem(string value, string what)
        {
            string problem = IdProblem(value, what);
            if (problem != null) return problem;
            if (value == "." || value == "..") return what + " is '.' or '..'";
            if (value[0] == '.') return what + " starts with a dot";
            int at = value.IndexOfAny(new[] { '/', ':', '*', '?', '"', '<', '>', '|' });
            if (at >= 0) return what + " has a character not allowed in file names at position " + (at + 1).ToString(CultureInfo.InvariantCulture);
            return null;
        }

        /// <summary>The normalised Patient ID for pseudonymisation; throws <see cref="PseudonymizationException"/> naming the rule.</summary>
        public static string RequirePseudonymizable(string patientId)
        {
            string normalized = Normalize(patientId);
            string problem = NameProblem(normalized, "the Patient ID");
            if (problem != null)
                throw new PseudonymizationException(problem + ": it cannot be pseudonymised; list the patient in mapping.csv or correct the Patient ID at the source.");
            return normalized;
        }
    }
}
