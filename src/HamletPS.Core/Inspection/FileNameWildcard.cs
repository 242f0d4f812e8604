#nullable enable
using System;

namespace HamletPS.Core.Inspection
{
    /// <summary>
    /// A file-name wildcard as users type it (`*.dcm`, `CT??.dcm`): `*` matches any run of characters, `?` exactly one, every
    /// other character itself, letters without regard to case (ordinal, culture-invariant). No regular expression is built, so
    /// matching costs a loop per name and nothing at start-up.
    /// </summary>
    public sealed class FileNameWildcard
    {
        private readonly string _pattern;

        public FileNameWildcard(string? pattern)
        {
            _pattern = pattern is { Length: > 0 } ? pattern : "*";
            MatchesEverything = _pattern.Trim('*').Length == 0;
        }

        /// <summary>True when the pattern is made of stars only, so every name matches.</summary>
        public bool MatchesEverything { get; }

        public bool IsMatch(string name)
        {
            if (name == null) return false;
            if (MatchesEverything) return true;
            // Greedy match with one backtrack point: the last star seen and where the name stood when it was seen.
            int p = 0, n = 0, star = -1, afterStar = 0;
            while (n < name.Length)
            {
                if (p < _pattern.Length && _pattern[p] == '*')
                {
                    star = p++;
                    afterStar = n;
                }
                else if (p < _pattern.Length && (_pattern[p] == '?' || SameLetter(_pattern[p], name[n])))
                {
                    p++;
                    n++;
                }
                else if (star >= 0)
                {
                    p = star + 1;
                    n = ++afterStar;
                }
                else return false;
            }
            while (p < _pattern.Length && _pattern[p] == '*') p++;
            return p == _pattern.Length;
        }

        public override string ToString() => _pattern;

        private static bool SameLetter(char a, char b) =>
            a == b || char.ToUpperInvariant(a) == char.ToUpperInvariant(b);
    }
}
