using HamletPS.Core.Identity;

namespace HamletPS.Core.Deidentification
{
    /// <summary>Per patient of a run: the new ID, whether it came from the lookup or was pseudonymised, and the report line. Never the MRN.</summary>
    public sealed class PatientReport
    {
        internal PatientReport(ResolvedIdentity identity) { Identity = identity; }

        internal ResolvedIdentity Identity { get; }

        public string NewId => Identity.NewId;

        public IdentitySource Source => Identity.Source;

        /// <summary>"Study ID X taken from the lookup table" or "MRN not found in lookup - pseudonymised instead (pseudonym X)".</summary>
        public string Message => Identity.Message;

        public int FileCount { get; internal set; }

        /// <summary>The patient's date shift in days (keyed from the original Patient ID; computed once per run).</summary>
        internal int DateOffsetDays { get; set; }

        public override string ToString() => Message;
    }
}
