using System.Text.RegularExpressions;

namespace HamletPS.Core.Identity
{
    /// <summary>How a mapping file is read.</summary>
    public sealed class StudyIdLookupOptions
    {
        /// <summary>Which column keys the table; <see cref="LookupKeyKind.Auto"/> decides from the header.</summary>
        public LookupKeyKind KeyKind { get; set; } = LookupKeyKind.Auto;

        /// <summary>Optional regular expression every Study ID must match (e.g. <c>^\d{3}_\d{4}$</c>); null for none.</summary>
        public string StudyIdPattern { get; set; }

        /// <summary>Compare keys (MRNs / accession numbers) ignoring case. Default false: keys are compared exactly (after trimming).</summary>
        public bool IgnoreKeyCase { get; set; }

        internal Regex CompilePattern()
            => string.IsNullOrEmpty(StudyIdPattern) ? null : new Regex(StudyIdPattern, RegexOptions.CultureInvariant, System.TimeSpan.FromSeconds(1));
    }
}
