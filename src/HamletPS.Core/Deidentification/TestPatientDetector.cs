using System;
using System.Collections.Generic;
using System.Linq;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// Recognises test/QA patients from the patient's name or ID. The value is split into words at every character that is
    /// not a letter (so "QA_PHANTOM", "Test^Patient", "PHY01" give QA/PHANTOM, Test/Patient, PHY); a word matches a pattern
    /// when it equals it, or — for patterns of 3 letters or more — starts with it ("phy" matches "Physics", "test" matches
    /// "Testing"). Two-letter patterns ("qa") must be a whole word, so "Qasim" is not a test patient. Case-insensitive.
    /// </summary>
    public sealed class TestPatientDetector
    {
        public static readonly IReadOnlyList<string> DefaultPatterns = new[] { "phy", "test", "qa", "phantom" };

        private readonly string[] _patterns;

        public TestPatientDetector(IEnumerable<string> patterns = null)
        {
            _patterns = (patterns ?? DefaultPatterns).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim().ToLowerInvariant()).ToArray();
        }

        public IReadOnlyList<string> Patterns => _patterns;

        /// <summary>True when any of the values (name, ID...) marks a test patient.</summary>
        public bool IsTestPatient(params string[] values)
        {
            foreach (var value in values)
            {
                if (string.IsNullOrEmpty(value)) continue;
                foreach (var word in Words(value))
                {
                    string w = word.ToLowerInvariant();
                    foreach (var p in _patterns)
                        if (w == p || (p.Length >= 3 && w.StartsWith(p, StringComparison.Ordinal))) return true;
                }
            }
            return false;
        }

        private static IEnumerable<string> Words(string value)
        {
            int start = -1;
            for (int i = 0; i <= value.Length; i++)
            {
                bool letter = i < value.Length && char.IsLetter(value[i]);
                if (letter && start < 0) start = i;
                else if (!letter && start >= 0)
                {
                    yield return value.Substring(start, i - start);
                    start = -1;
                }
            }
        }
    }
}
