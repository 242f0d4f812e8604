using HamletPS.Core.Deidentification;
using HamletPS.Core.Identity;

namespace HamletPS.Core.Dose
{
    /// <summary>How <see cref="DoseHistoryImporter"/> stores reports; made by <see cref="DoseHistorySetup"/>.</summary>
    public sealed class DoseHistoryImportOptions
    {
        public string DatabasePath { get; set; }

        /// <summary>Gives each patient the key Protect gives: the Study ID from the lookup table, else the keyed pseudonym.</summary>
        public IdentityResolver Identity { get; set; }

        /// <summary>The protect step's test-patient rule (patterns from the profile).</summary>
        public TestPatientDetector TestPatients { get; set; } = new TestPatientDetector();

        public bool IncludeTestPatients { get; set; }
        public bool Replace { get; set; }
        public bool WhatIf { get; set; }

        /// <summary>Reports stored per transaction.</summary>
        public int BatchSize { get; set; } = 256;
    }
}
