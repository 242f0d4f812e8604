using System;
using System.Collections.Generic;

namespace HamletPS.Synthetic
{
    /// <summary>An invented patient. Names and numbers are generated, never taken from real people.</summary>
    public sealed class SyntheticPatient
    {
        /// <summary>Position of the patient in its generator's sequence (0-based).</summary>
        public int Index { get; set; }

        /// <summary>The MRN, e.g. "SYN0001234".</summary>
        public string PatientId { get; set; }

        public string FamilyName { get; set; }

        public string GivenName { get; set; }

        /// <summary>Middle name, or null.</summary>
        public string MiddleName { get; set; }

        /// <summary>DA value, yyyyMMdd.</summary>
        public string BirthDate { get; set; }

        /// <summary>M, F or O.</summary>
        public string Sex { get; set; }

        /// <summary>Other identifiers of the same patient (Other Patient IDs Sequence).</summary>
        public IList<string> OtherPatientIds { get; set; } = new List<string>();

        /// <summary>Issuer of the other identifiers.</summary>
        public string OtherPatientIdIssuer { get; set; }

        /// <summary>Other names (PN values with ^ components), or empty.</summary>
        public IList<string> OtherPatientNames { get; set; } = new List<string>();

        /// <summary>Patient's Address (LO, one line, no ^).</summary>
        public string Address { get; set; }

        /// <summary>Patient's Telephone Numbers (SH).</summary>
        public string Phone { get; set; }

        /// <summary>Accession numbers for this patient's studies (at least one).</summary>
        public IList<string> AccessionNumbers { get; set; } = new List<string>();

        /// <summary>The PN value: FAMILY^GIVEN[^MIDDLE].</summary>
        public string PersonName =>
            string.IsNullOrEmpty(MiddleName) ? FamilyName + "^" + GivenName : FamilyName + "^" + GivenName + "^" + MiddleName;

        /// <summary>Age in whole years at a date (for Patient's Age, AS: "067Y").</summary>
        public string AgeAt(string studyDate)
        {
            var birth = DateTime.ParseExact(BirthDate, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            var at = DateTime.ParseExact(studyDate, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            int years = at.Year - birth.Year;
            if (at < birth.AddYears(years)) years--;
            if (years < 0) years = 0;
            return Math.Min(years, 999).ToString("000", System.Globalization.CultureInfo.InvariantCulture) + "Y";
        }

        /// <summary>Names the patient by index only, never by identifier (safe for logs).</summary>
        public override string ToString() => "SyntheticPatient #" + Index;
    }
}
