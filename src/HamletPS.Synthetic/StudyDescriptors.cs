using System;
using System.Collections.Generic;
using HamletPS.Dicom.Data;

namespace HamletPS.Synthetic
{
    /// <summary>
    /// The descriptive and personnel values of a generated study (institution, physicians, station, descriptions, labels).
    /// <see cref="Default"/> gives plainly synthetic values; <see cref="CanaryStudy"/> fills them with canary strings.
    /// </summary>
    public sealed class StudyDescriptors
    {
        public string InstitutionName { get; set; } = "SYNTHETIC CANCER CENTRE";
        public string InstitutionAddress { get; set; } = "1 Example Street, Faketown ZZ9 9ZZ";
        public string InstitutionalDepartmentName { get; set; } = "RADIOTHERAPY";
        public string ReferringPhysicianName { get; set; } = "SYNTHDOC^REFERRING";
        public string PerformingPhysicianName { get; set; } = "SYNTHDOC^PERFORMING";
        public string PhysiciansOfRecord { get; set; } = "SYNTHDOC^ONCOLOGIST";
        public string OperatorsName { get; set; } = "SYNTHRAD^OPERATOR";
        public string ReviewerName { get; set; } = "SYNTHDOC^REVIEWER";
        public string RoiInterpreter { get; set; } = "SYNTHDOSI^PLANNER";
        public string StationName { get; set; } = "SYNTHCT01";
        public string DeviceSerialNumber { get; set; } = "SN-SYNTH-0001";
        public string Manufacturer { get; set; } = "HamletPS Synthetic";
        public string ManufacturerModelName { get; set; } = "Phantom CT";
        public string TreatmentMachineName { get; set; } = "SYNTHLINAC";
        public string StudyId { get; set; } = "1";
        public string StudyDescription { get; set; } = "RT PLANNING THORAX";
        public string CtSeriesDescription { get; set; } = "PLANNING CT";
        public string CbctSeriesDescription { get; set; } = "CBCT FX1";
        public string StructureSeriesDescription { get; set; } = "STRUCTURES";
        public string PlanSeriesDescription { get; set; } = "PLAN";
        public string DoseSeriesDescription { get; set; } = "DOSE";
        public string RegistrationSeriesDescription { get; set; } = "REGISTRATION";
        public string StructureSetLabel { get; set; } = "THORAX";
        public string StructureSetName { get; set; } = "THORAX";
        public string StructureSetDescription { get; set; } = "Synthetic structure set";
        public string RtPlanLabel { get; set; } = "LUNG_L";
        public string RtPlanName { get; set; } = "LUNG LEFT 60GY";
        public string RtPlanDescription { get; set; } = "Synthetic 3-field plan";
        public string PatientComments { get; set; }
        public string AdditionalPatientHistory { get; set; }
        public string ImageComments { get; set; }
        public string RequestedProcedureId { get; set; } = "RP0001";
        public string RegistrationContentCreatorName { get; set; } = "SYNTHRAD^IGRT";

        /// <summary>ROI names by structure key (BODY, PTV, LUNG_L, LUNG_R, HEART, SPINAL_CORD); a missing key keeps the key.</summary>
        public IDictionary<string, string> RoiNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Called last for every top-level dataset, to add attributes (private elements, extra nesting…).</summary>
        public Action<DicomDataset, RtObjectKind> Decorate { get; set; }

        public static StudyDescriptors Default => new StudyDescriptors();

        internal string RoiName(PhantomStructure s) => RoiNames.TryGetValue(s.Key, out var n) ? n : s.Key;
    }
}
