using HamletPS.Core.Identity;

namespace HamletPS.Core.Deidentification
{
    /// <summary>What protection needs to know about one patient: the new ID, how it was derived, the date offset, and the original identifiers (patient data).</summary>
    public sealed class PatientProtection
    {
        public PatientProtection(string newId, IdentitySource identitySource, int dateOffsetDays, PatientIdentifiers identifiers)
        {
            NewId = newId;
            IdentitySource = identitySource;
            DateOffsetDays = dateOffsetDays;
            Identifiers = identifiers ?? new PatientIdentifiers();
        }

        public string NewId { get; }

        public IdentitySource IdentitySource { get; }

        public int DateOffsetDays { get; }

        public PatientIdentifiers Identifiers { get; }

        public override string ToString() => "Patient " + NewId + " (" + IdentitySource + ")";
    }
}
