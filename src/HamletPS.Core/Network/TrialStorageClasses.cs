using System.Collections.Generic;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Core.Network
{
    /// <summary>
    /// The trial's choice of storage SOP classes (a workflow decision, so it lives here and not in the DICOM toolkit, whose
    /// receiver accepts every storage class unless told otherwise).
    /// </summary>
    public static class TrialStorageClasses
    {
        /// <summary>
        /// What a radiotherapy trial needs: what Receive-Dicom / <c>hamlet receive</c> accept unless told to accept every
        /// storage class, and what Copy-DicomStudy / <c>hamlet retrieve</c> offer for C-GET. CT (also CBCT, which is stored as
        /// CT), Enhanced and Legacy Converted CT, MR, Enhanced MR, PET, Enhanced PET, every Secondary Capture variant, RT Image,
        /// Enhanced RT Image, RT Dose, RT Structure Set, RT Plan, RT Ion Plan, RT Beams and RT Ion Beams Treatment Record,
        /// Spatial and Deformable Spatial Registration, Segmentation, Encapsulated PDF.
        /// </summary>
        public static IReadOnlyList<string> Radiotherapy { get; } = new[]
        {
            DicomUids.CTImageStorage,
            DicomUids.EnhancedCTImageStorage,
            DicomUids.LegacyConvertedEnhancedCTImageStorage,
            DicomUids.MRImageStorage,
            DicomUids.EnhancedMRImageStorage,
            DicomUids.LegacyConvertedEnhancedMRImageStorage,
            DicomUids.PositronEmissionTomographyImageStorage,
            DicomUids.EnhancedPETImageStorage,
            DicomUids.LegacyConvertedEnhancedPETImageStorage,
            DicomUids.SecondaryCaptureImageStorage,
            DicomUids.MultiFrameSingleBitSecondaryCaptureImageStorage,
            DicomUids.MultiFrameGrayscaleByteSecondaryCaptureImageStorage,
            DicomUids.MultiFrameGrayscaleWordSecondaryCaptureImageStorage,
            DicomUids.MultiFrameTrueColorSecondaryCaptureImageStorage,
            DicomUids.RTImageStorage,
            DicomUids.EnhancedRTImageStorage,
            DicomUids.EnhancedContinuousRTImageStorage,
            DicomUids.RTDoseStorage,
            DicomUids.RTStructureSetStorage,
            DicomUids.RTPlanStorage,
            DicomUids.RTIonPlanStorage,
            DicomUids.RTBeamsTreatmentRecordStorage,
            DicomUids.RTIonBeamsTreatmentRecordStorage,
            DicomUids.SpatialRegistrationStorage,
            DicomUids.DeformableSpatialRegistrationStorage,
            DicomUids.SegmentationStorage,
            DicomUids.EncapsulatedPDFStorage,
        };
    }
}
