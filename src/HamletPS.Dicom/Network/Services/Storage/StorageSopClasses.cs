using System;
using System.Collections.Generic;
using System.Linq;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Dicom.Network
{
    /// <summary>Storage SOP class lists for the receiver, from the generated UID registry (PS3.6 Table A-1, PS3.4 Annex B.5).</summary>
    public static class StorageSopClasses
    {
        /// <summary>
        /// What a radiotherapy trial needs, accepted by default: CT (also CBCT, which is stored as CT), Enhanced and Legacy
        /// Converted CT, MR, Enhanced MR, PET, Enhanced PET, every Secondary Capture variant, RT Image, Enhanced RT Image,
        /// RT Dose, RT Structure Set, RT Plan, RT Ion Plan, RT Beams and RT Ion Beams Treatment Record, Spatial and Deformable
        /// Spatial Registration, Segmentation, Encapsulated PDF.
        /// </summary>
        public static IReadOnlyList<string> RadiotherapyTrial { get; } = new[]
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

        private static readonly Lazy<HashSet<string>> AllSet = new Lazy<HashSet<string>>(() =>
            new HashSet<string>(DicomUids.All.Where(u => u.IsStorageSopClass).Select(u => u.Uid), StringComparer.Ordinal));

        /// <summary>Every storage SOP class of the UID registry (retired ones included): the "accept every storage class" option.</summary>
        public static IReadOnlyCollection<string> All => AllSet.Value;

        /// <summary>True for a storage SOP class of the UID registry.</summary>
        public static bool IsStorageClass(string uid) => uid != null && AllSet.Value.Contains(uid);
    }
}
