using System.Collections.Generic;
using System.Linq;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// The attribute type (1, 2 or 3) used to resolve the combined action codes of Table E.1-1 (Z/D, X/Z, X/D, X/Z/D, X/Z/U*),
    /// for the attributes that carry a combined code, as they are used in the IODs HamletPS handles: CT Image, MR Image,
    /// RT Structure Set, RT Plan / Ion Plan, RT Dose, RT Image, RT Beams Treatment Record, Spatial Registration and
    /// Enhanced variants (PS3.3). Where an attribute has different types in those IODs, the lowest-numbered (most
    /// required) type that still applies is taken only when it is the same in all of them; otherwise the attribute is left
    /// out and gets the stricter action (X before Z before D). Attributes not listed: the stricter action.
    /// </summary>
    public static class AttributeTypeTable
    {
        private static readonly Dictionary<string, int> Types = new Dictionary<string, int>(System.StringComparer.Ordinal)
        {
            // Type 2 in the modules where these IODs carry them.
            ["PatientID"] = 2,                 // Patient Module (replaced by the Study ID / pseudonym anyway)
            ["ContentDate"] = 2,               // General Image (2C), RT Dose/Structure Set/Plan: Type 2 in the RT General modules' peers
            ["ContentTime"] = 2,
            ["ContrastBolusAgent"] = 2,        // Contrast/Bolus Module
            ["PatientSexNeutered"] = 2,        // Patient Module (2C)
            ["RTPlanDate"] = 2,                // RT General Plan Module
            ["RTPlanTime"] = 2,
            ["TreatmentMachineName"] = 2,      // RT Beams / RT Ion Beams (beam sequence)
            ["ReviewerName"] = 2,              // Approval Module (2C)
            ["ContentCreatorName"] = 2,        // Presentation State / Spatial Registration (Type 2)
            ["AcquisitionContextSequence"] = 2,// Enhanced MR/CT (Type 2 in the Enhanced modules; absent from CT/RT)
            // Type 3 everywhere in these IODs: X (listed for documentation; unlisted attributes get X anyway).
            ["InstanceCreationDate"] = 3,
            ["InstanceCreationTime"] = 3,
            ["SeriesDate"] = 3,
            ["SeriesTime"] = 3,
            ["AcquisitionDate"] = 3,
            ["AcquisitionTime"] = 3,
            ["AcquisitionDateTime"] = 3,
            ["InstitutionName"] = 3,
            ["InstitutionCodeSequence"] = 3,
            ["StationName"] = 3,
            ["OperatorsName"] = 3,
            ["OperatorIdentificationSequence"] = 3,
            ["ReferencedStudySequence"] = 3,
            ["ReferencedPerformedProcedureStepSequence"] = 3,
            ["DeviceSerialNumber"] = 3,
            ["ProtocolName"] = 3,
            ["SourceSerialNumber"] = 3,
            // X/Z/U* sequences at the top level of a dataset: General Image Module, Type 3.
            ["ReferencedImageSequence"] = 3,
            ["SourceImageSequence"] = 3,
        };

        /// <summary>
        /// Types that depend on the sequence an attribute is nested in ("Parent/Attribute"): the X/Z/U* sequences are Type 3 at
        /// the top level (General Image) but Type 1C in a Spatial Registration's Registration Sequence and Type 1 in the
        /// Derivation Image Sequence of the Enhanced IODs. Nested anywhere else their type is unknown (the stricter action).
        /// </summary>
        private static readonly Dictionary<string, int> NestedTypes = new Dictionary<string, int>(System.StringComparer.Ordinal)
        {
            ["RegistrationSequence/ReferencedImageSequence"] = 1,
            ["DerivationImageSequence/SourceImageSequence"] = 1,
        };

        private static readonly HashSet<string> ContextSensitive = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "ReferencedImageSequence", "SourceImageSequence",
        };

        private static readonly HashSet<uint> ContextSensitiveTags = new HashSet<uint>(
            ContextSensitive.Select(k => HamletPS.Dicom.Dictionary.DicomDictionary.LookupKeyword(k)).Where(e => e != null).Select(e => e.Tag.Value));

        /// <summary>True when the attribute's type depends on the sequence it is nested in.</summary>
        public static bool IsContextSensitive(uint tag) => ContextSensitiveTags.Contains(tag);

        /// <summary>Nested types, for documentation ("Parent/Attribute" → type).</summary>
        public static IReadOnlyDictionary<string, int> Nested => NestedTypes;

        /// <summary>The type of an attribute nested in the given sequence (null: top level), or 0 when unknown.</summary>
        public static int GetType(string keyword, string parentSequenceKeyword)
        {
            if (parentSequenceKeyword == null || keyword == null || !ContextSensitive.Contains(keyword)) return GetType(keyword);
            return NestedTypes.TryGetValue(parentSequenceKeyword + "/" + keyword, out int t) ? t : 0;
        }

        /// <summary>The type (1, 2, 3) of an attribute by keyword, or 0 when unknown.</summary>
        public static int GetType(string keyword) => keyword != null && Types.TryGetValue(keyword, out int t) ? t : 0;

        /// <summary>Keywords with a known type, for documentation.</summary>
        public static IReadOnlyDictionary<string, int> All => Types;

        /// <summary>
        /// Resolves a table action to a single one, by the attribute's type where known (PS3.15 E.1-1a: the alternative that
        /// keeps the IOD conformant), else the stricter alternative (X before Z before D/U):
        /// Z/D → D for Type 1, else Z; X/Z → X for Type 3 or unknown, else Z; X/D → X for Type 3 or unknown, else D;
        /// X/Z/D → D for Type 1, Z for Type 2, X for Type 3 or unknown; X/Z/U* → U (keep the sequence and remap every instance
        /// UID inside) for Type 1, Z (empty sequence) for Type 2, X for Type 3 or unknown.
        /// </summary>
        public static AttributeAction Resolve(ConfidentialityAction action, string keyword) => Resolve(action, keyword, null);

        /// <summary>As <see cref="Resolve(ConfidentialityAction, string)"/>, for an attribute nested in a sequence (null: top level).</summary>
        public static AttributeAction Resolve(ConfidentialityAction action, string keyword, string parentSequenceKeyword)
        {
            int type = GetType(keyword, parentSequenceKeyword);
            switch (action)
            {
                case ConfidentialityAction.Keep: return AttributeAction.Keep;
                case ConfidentialityAction.Remove: return AttributeAction.Remove;
                case ConfidentialityAction.Zero: return AttributeAction.Empty;
                case ConfidentialityAction.Dummy: return AttributeAction.Dummy;
                case ConfidentialityAction.Clean: return AttributeAction.Clean;
                case ConfidentialityAction.Uid: return AttributeAction.RemapUid;
                case ConfidentialityAction.ZeroOrDummy: return type == 1 ? AttributeAction.Dummy : AttributeAction.Empty;
                case ConfidentialityAction.RemoveOrZero: return type == 1 || type == 2 ? AttributeAction.Empty : AttributeAction.Remove;
                case ConfidentialityAction.RemoveOrDummy: return type == 1 || type == 2 ? AttributeAction.Dummy : AttributeAction.Remove;
                case ConfidentialityAction.RemoveOrZeroOrDummy:
                    return type == 1 ? AttributeAction.Dummy : type == 2 ? AttributeAction.Empty : AttributeAction.Remove;
                case ConfidentialityAction.RemoveOrZeroOrUid:
                    return type == 1 ? AttributeAction.RemapUid : type == 2 ? AttributeAction.Empty : AttributeAction.Remove;
                default: return AttributeAction.Remove;
            }
        }
    }
}
