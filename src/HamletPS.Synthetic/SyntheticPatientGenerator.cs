using System;
using System.Globalization;

namespace HamletPS.Synthetic
{
    /// <summary>
    /// Invents patients deterministically from a seed: patient <c>i</c> of seed <c>s</c> is always the same person. Names are
    /// built from "SYNTH" and invented syllables or NATO spelling words (e.g. SYNTHKORA^ALPHA), IDs start with SYN, addresses and
    /// phone numbers are visibly fake, so nothing can be mistaken for a real person.
    /// </summary>
    public sealed class SyntheticPatientGenerator
    {
        private static readonly string[] Syllables = { "KA", "LO", "MI", "RU", "TE", "VO", "ZA", "NE", "BI", "DO", "FU", "GA", "HE", "JO", "PI", "SE" };
        private static readonly string[] GivenNames =
        {
            "ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "FOXTROT", "GOLF", "HOTEL", "INDIA", "JULIETT", "KILO", "LIMA",
            "MIKE", "NOVEMBER", "OSCAR", "PAPA", "QUEBEC", "ROMEO", "SIERRA", "TANGO", "UNIFORM", "VICTOR", "WHISKEY", "XRAY",
            "YANKEE", "ZULU",
        };
        private static readonly string[] Streets = { "Synthetic Lane", "Placeholder Road", "Example Street", "Fictional Avenue", "Phantom Close" };

        private readonly ulong _seed;

        public SyntheticPatientGenerator(ulong seed) { _seed = seed; }

        public ulong Seed => _seed;

        /// <summary>The patient at a position of this seed's sequence.</summary>
        public SyntheticPatient Create(int index)
        {
            if (index < 0) throw new ArgumentOutOfRangeException(nameof(index));
            var r = SyntheticRandom.For(_seed, "patient/" + index.ToString(CultureInfo.InvariantCulture));
            string family = "SYNTH" + r.Pick(Syllables) + r.Pick(Syllables);
            string given = GivenNames[(index + r.Next(GivenNames.Length)) % GivenNames.Length];
            string middle = r.Next(3) == 0 ? r.Pick(GivenNames) : null;
            var birth = new DateTime(1940, 1, 1).AddDays(r.Next(365 * 45));
            string sex = r.Next(2) == 0 ? "F" : "M";
            // The index is folded into the ID so two patients of one seed never share an MRN.
            string id = "SYN" + ((index % 1000).ToString("000", CultureInfo.InvariantCulture)) + r.Digits(4);
            var p = new SyntheticPatient
            {
                Index = index,
                PatientId = id,
                FamilyName = family,
                GivenName = given,
                MiddleName = middle,
                BirthDate = birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                Sex = sex,
                OtherPatientIdIssuer = "SYNTHETIC-REGISTRY",
                Address = (1 + r.Next(199)).ToString(CultureInfo.InvariantCulture) + " " + r.Pick(Streets) + ", Faketown ZZ" + r.Next(10) + " 9ZZ",
                Phone = "+00 0000 " + r.Digits(6),
            };
            p.OtherPatientIds.Add("SYX" + r.Digits(8));
            if (r.Next(2) == 0) p.OtherPatientNames.Add(family + "^" + given.Substring(0, 1));
            p.AccessionNumbers.Add("SYA" + r.Digits(7));
            p.AccessionNumbers.Add("SYA" + r.Digits(7));
            return p;
        }
    }
}
