using System.Collections.Generic;
using HamletPS.Dicom.Data;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// The fail-closed rule for standard attributes that Table E.1-1 does not list. Attributes whose value cannot carry free
    /// text are kept (binary numbers, OB/OW/OF/OD/OL/OV pixel and waveform data, AT, DS, IS, CS code strings, sequences — whose
    /// items are processed); UI values are remapped unless they are in the UID registry or name a class/scheme rather than an
    /// instance; DA/DT follow the dates option (shifted, kept, or removed), TM is kept only with a dates option; free-text VRs
    /// (AE, AS, LO, LT, PN, SH, ST, UC, UR, UT) are removed unless listed here; unknown tags are removed.
    /// </summary>
    public static class SafeStandardAttributes
    {
        /// <summary>Free-text attributes that are kept (cleaned of the patient's identity tokens with Clean Descriptors).</summary>
        private static readonly HashSet<string> SafeTextSet = new HashSet<string>(System.StringComparer.Ordinal)
        {
            // Equipment (not identity: model and software, needed to interpret the data)
            "Manufacturer", "ManufacturerModelName", "SoftwareVersions", "ConvolutionKernel", "FilterType", "RescaleType",
            "WindowCenterWidthExplanation", "ContrastBolusRoute", "PositionReferenceIndicator", "ReceiveCoilName", "TransmitCoilName",
            "SequenceName", "PulseSequenceName", "LossyImageCompressionMethod",
            // Coded entries (Code Sequence macro)
            "CodeValue", "CodingSchemeDesignator", "CodingSchemeVersion", "CodeMeaning", "LongCodeValue", "URNCodeValue",
            "ContextIdentifier", "MappingResource", "MappingResourceName", "ContextGroupExtensionCreatorUID",
            // RT plan / structure / dose labels the table does not list
            "BeamName", "ToleranceTableLabel", "WedgeID", "BlockName", "BlockTrayID", "ApplicatorID", "CompensatorID", "BolusID",
            "FixationDeviceLabel", "ShieldingDeviceLabel", "SetupDeviceLabel", "SourceApplicatorID", "BrachyAccessoryDeviceID",
            "ChannelShieldID", "SourceIsotopeName", "MaterialID", "RangeShifterID", "LateralSpreadingDeviceID",
            "RangeModulatorID", "SnoutID", "DoseComment", "FractionPattern", "BeamLimitingDeviceAngle",
            "FrameOfReferenceTransformationComment", "RadiationMachineName",
            // Software that made derived content (like Manufacturer's Model Name and Software Versions)
            "SegmentAlgorithmName",
        };

        /// <summary>
        /// Free-text labels and descriptions of content that Table E.1-1 does not list but that play the part its descriptors
        /// (ROI Name, Structure Set Label...) play: kept and cleaned with the Clean Descriptors option, else treated like other
        /// free text (removed, or emptied / given a dummy where the IOD requires them).
        /// </summary>
        private static readonly HashSet<string> DescriptorSet = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "SegmentLabel", "SegmentDescription", "ContentDescription", "UnformattedTextValue",
        };

        /// <summary>UI attributes that name a class, syntax or coding scheme (kept as is, like registry UIDs).</summary>
        private static readonly HashSet<string> ClassUidSet = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "SOPClassUID", "ReferencedSOPClassUID", "MediaStorageSOPClassUID", "TransferSyntaxUID", "ReferencedTransferSyntaxUIDInFile",
            "ReferencedSOPClassUIDInFile", "AffectedSOPClassUID", "RequestedSOPClassUID", "RelatedGeneralSOPClassUID",
            "OriginalSpecializedSOPClassUID", "SOPClassesInStudy", "CodingSchemeUID", "ContextUID", "MappingResourceUID",
            "PrivateInformationCreatorUID", "ImplementationClassUID", "RetrieveLocationUID", "TemplateExtensionCreatorUID",
            "TemplateExtensionOrganizationUID", "ContextGroupExtensionCreatorUID", "ReferencedRelatedGeneralSOPClassUIDInFile",
        };

        /// <summary>Free-text attributes kept when the table does not list them.</summary>
        public static IReadOnlyCollection<string> SafeText => SafeTextSet;

        /// <summary>UI attributes naming a class or scheme.</summary>
        public static IReadOnlyCollection<string> ClassUids => ClassUidSet;

        public static bool IsSafeText(string keyword) => keyword != null && SafeTextSet.Contains(keyword);

        /// <summary>Descriptors outside Table E.1-1 (cleaned with Clean Descriptors).</summary>
        public static IReadOnlyCollection<string> Descriptors => DescriptorSet;

        public static bool IsDescriptor(string keyword) => keyword != null && DescriptorSet.Contains(keyword);

        public static bool IsClassUid(string keyword) => keyword != null && ClassUidSet.Contains(keyword);

        /// <summary>True for VRs that cannot carry free text.</summary>
        public static bool IsNonTextVR(DicomVR vr) =>
            vr == DicomVR.US || vr == DicomVR.SS || vr == DicomVR.UL || vr == DicomVR.SL || vr == DicomVR.FL || vr == DicomVR.FD ||
            vr == DicomVR.SV || vr == DicomVR.UV || vr == DicomVR.AT || vr == DicomVR.DS || vr == DicomVR.IS || vr == DicomVR.CS ||
            vr == DicomVR.OB || vr == DicomVR.OW || vr == DicomVR.OF || vr == DicomVR.OD || vr == DicomVR.OL || vr == DicomVR.OV;
    }
}
