using System.Collections.Generic;

namespace HamletPS.Core.Deidentification
{
    /// <summary>PS3.16 CID 7050 "De-identification Method" codes (scheme DCM) for the Basic Profile and its options.</summary>
    public static class DeidentificationMethodCodes
    {
        public const string Scheme = "DCM";
        public const string BasicProfile = "113100";
        public const string BasicProfileMeaning = "Basic Application Confidentiality Profile";

        /// <summary>Code value and meaning for each option.</summary>
        public static readonly IReadOnlyDictionary<ConfidentialityOption, KeyValuePair<string, string>> Options =
            new Dictionary<ConfidentialityOption, KeyValuePair<string, string>>
            {
                [ConfidentialityOption.CleanGraphics] = Pair("113103", "Clean Graphics Option"),
                [ConfidentialityOption.CleanStructuredContent] = Pair("113104", "Clean Structured Content Option"),
                [ConfidentialityOption.CleanDescriptors] = Pair("113105", "Clean Descriptors Option"),
                [ConfidentialityOption.RetainLongitudinalFullDates] = Pair("113106", "Retain Longitudinal Temporal Information Full Dates Option"),
                [ConfidentialityOption.RetainLongitudinalModifiedDates] = Pair("113107", "Retain Longitudinal Temporal Information Modified Dates Option"),
                [ConfidentialityOption.RetainPatientCharacteristics] = Pair("113108", "Retain Patient Characteristics Option"),
                [ConfidentialityOption.RetainDeviceIdentity] = Pair("113109", "Retain Device Identity Option"),
                [ConfidentialityOption.RetainUids] = Pair("113110", "Retain UIDs Option"),
                [ConfidentialityOption.RetainSafePrivate] = Pair("113111", "Retain Safe Private Option"),
                [ConfidentialityOption.RetainInstitutionIdentity] = Pair("113112", "Retain Institution Identity Option"),
            };

        private static KeyValuePair<string, string> Pair(string code, string meaning) => new KeyValuePair<string, string>(code, meaning);
    }
}
