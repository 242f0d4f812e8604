using System;

namespace HamletPS.Core.Identity
{
    /// <summary>
    /// Replaces a patient's identity: the Study ID from the lookup table when the MRN (or, for a coupling list, the accession
    /// number) is listed, else the keyed pseudonym of the MRN. Messages name the new ID only. Reveal runs the other way at the
    /// site: reverse lookup of the Study ID first, then reversal of the pseudonym. A Patient ID that
    /// <see cref="PatientIdRules"/> refuses is never pseudonymised (only a listed key protects it). Thread-safe.
    /// </summary>
    public sealed class IdentityResolver
    {
        public IdentityResolver(StudyIdLookup lookup, MrnPseudonymizer pseudonymizer)
        {
            if (lookup == null && pseudonymizer == null) throw new ArgumentException("An identity resolver needs a lookup table, a pseudonymizer, or both.");
            Lookup = lookup;
            Pseudonymizer = pseudonymizer;
        }

        public StudyIdLookup Lookup { get; }
        public MrnPseudonymizer Pseudonymizer { get; }

        /// <summary>The new ID for a patient. <paramref name="accessionNumber"/> is used when the lookup is a coupling list.</summary>
        public ResolvedIdentity Resolve(string patientId, string accessionNumber = null)
        {
            var mrn = PatientIdRules.Normalize(patientId);
            if (Lookup != null)
            {
                var key = Lookup.KeyKind == LookupKeyKind.AccessionNumber ? PatientIdRules.Normalize(accessionNumber) : mrn;
                if (!string.IsNullOrEmpty(key) && Lookup.TryGetStudyId(key, out var studyId))
                    return new ResolvedIdentity(studyId, IdentitySource.Lookup, "Study ID " + studyId + " taken from the lookup table");
            }
            if (string.IsNullOrEmpty(mrn))
                throw new PseudonymizationException("The patient has no Patient ID" + (Lookup?.KeyKind == LookupKeyKind.AccessionNumber ? " and the accession number is not in the coupling list" : "") + ": nothing to replace it from.");
            if (Pseudonymizer == null)
                throw new PseudonymizationException((Lookup.KeyKind == LookupKeyKind.AccessionNumber ? "Accession number" : "MRN") +
                    " not found in lookup and no pseudonym key is configured: the patient was not protected.");
            var pseudonym = Pseudonymizer.Pseudonymize(PatientIdRules.RequirePseudonymizable(mrn));
            string what = Lookup != null && Lookup.KeyKind == LookupKeyKind.AccessionNumber ? "Accession number" : "MRN";
            return new ResolvedIdentity(pseudonym, IdentitySource.Pseudonymised,
                Lookup == null
                    ? "No lookup table - pseudonymised (pseudonym " + pseudonym + ")"
                    : what + " not found in lookup - pseudonymised instead (pseudonym " + pseudonym + ")");
        }

        /// <summary>The original ID for a protected ID (Study ID or pseudonym).</summary>
        public RevealedIdentity Reveal(string newId)
        {
            var id = newId?.Trim();
            if (string.IsNullOrEmpty(id)) throw new PseudonymizationException("The protected Patient ID is empty: nothing to re-identify.");
            if (Lookup != null && Lookup.TryGetKey(id, out var original))
                return new RevealedIdentity(original, IdentitySource.Lookup, Lookup.KeyKind,
                    "Study ID " + id + " found in the lookup table - " + (Lookup.KeyKind == LookupKeyKind.AccessionNumber ? "accession number" : "MRN") + " restored");
            if (Pseudonymizer == null)
                throw new PseudonymizationException("Protected ID " + id + " is not in the lookup table and no pseudonym key is configured.");
            var mrn = Pseudonymizer.Reveal(id);
            return new RevealedIdentity(mrn, IdentitySource.Pseudonymised, LookupKeyKind.Mrn,
                "Protected ID " + id + " not in the lookup table - MRN restored by reversing the pseudonym (" + (Pseudonymizer.Method == PseudonymMethod.Ff1 ? "FF1" : "Vigenère") + ")");
        }
    }
}
