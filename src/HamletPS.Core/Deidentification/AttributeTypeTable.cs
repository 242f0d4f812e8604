using System.Collections.Generic;

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
        };

        /// <summary>The type (1, 2, 3) of an attribute by keyword, or 0 when unknown.</summary>
        public static int GetType(string keyword) => keyword != null && Types.TryGetValue(keyword, out int t) ? t : 0;

        /// <summary>Keywords with a known type, for documentation.</summary>
        public static IReadOnlyDictionary<string, int> All => Types;

        /// <summary>
        /// Resolves a table action to a single one. Combined codes: by type, else the stricter (X, then Z). X/Z/U* (Referenced
        /// Image Sequence, Source Image Sequence) resolves to U: the sequence is kept and every instance UID inside it remapped,
        /// so RT objects keep their links to the images (the content of the items is processed like any other dataset).
        /// </summary>
        public static AttributeAction Resolve(ConfidentialityAction action, string keyword)
        {
            int type = GetType(keyword);
            switch (action)
            {
                case ConfidentialityAction.Keep: return AttributeAction.Keep;
                case ConfidentialityAction.Remove: return AttributeAction.Remove;
                case ConfidentialityAction.Zero: return AttributeAction.Empty;
                case ConfidentialityAction.Dummy: return AttributeAction.Dummy;
                case ConfidentialityAction.Clean: return AttributeAction.Clean;
                case ConfidentialityAction.Uid: return AttributeAction.RemapUid;
                case ConfidentialityAction.ZeroOrDummy: return type == 1 ? AttributeAction.Dummy : AttributeAction.Empty;
                case ConfidentialityAction.RemoveOrZero: return type == 2 ? AttributeAction.Empty : AttributeAction.Remove;
                case ConfidentialityAction.RemoveOrDummy: return type == 1 ? AttributeAction.Dummy : AttributeAction.Remove;
                case ConfidentialityAction.RemoveOrZeroOrDummy:
                    return type == 1 ? AttributeAction.Dummy : type == 2 ? AttributeAction.Empty : AttributeAction.Remove;
                case ConfidentialityAction.RemoveOrZeroOrUid: return AttributeAction.RemapUid;
                default: return AttributeAction.Remove;
            }
        }
    }
}
