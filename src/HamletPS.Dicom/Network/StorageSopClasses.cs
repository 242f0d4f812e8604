using System.Collections.Generic;

namespace HamletPS.Dicom.Network
{
    /// <summary>Storage SOP class lists for the receiver (UIDs from PS3.6 Table A-1 / PS3.4 Annex B.5).</summary>
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
            "1.2.840.10008.5.1.4.1.1.2",        // CT Image Storage (CT and CBCT)
            "1.2.840.10008.5.1.4.1.1.2.1",      // Enhanced CT Image Storage
            "1.2.840.10008.5.1.4.1.1.2.2",      // Legacy Converted Enhanced CT Image Storage
            "1.2.840.10008.5.1.4.1.1.4",        // MR Image Storage
            "1.2.840.10008.5.1.4.1.1.4.1",      // Enhanced MR Image Storage
            "1.2.840.10008.5.1.4.1.1.4.4",      // Legacy Converted Enhanced MR Image Storage
            "1.2.840.10008.5.1.4.1.1.128",      // Positron Emission Tomography Image Storage
            "1.2.840.10008.5.1.4.1.1.130",      // Enhanced PET Image Storage
            "1.2.840.10008.5.1.4.1.1.128.1",    // Legacy Converted Enhanced PET Image Storage
            "1.2.840.10008.5.1.4.1.1.7",        // Secondary Capture Image Storage
            "1.2.840.10008.5.1.4.1.1.7.1",      // Multi-frame Single Bit Secondary Capture Image Storage
            "1.2.840.10008.5.1.4.1.1.7.2",      // Multi-frame Grayscale Byte Secondary Capture Image Storage
            "1.2.840.10008.5.1.4.1.1.7.3",      // Multi-frame Grayscale Word Secondary Capture Image Storage
            "1.2.840.10008.5.1.4.1.1.7.4",      // Multi-frame True Color Secondary Capture Image Storage
            "1.2.840.10008.5.1.4.1.1.481.1",    // RT Image Storage
            "1.2.840.10008.5.1.4.1.1.481.23",   // Enhanced RT Image Storage
            "1.2.840.10008.5.1.4.1.1.481.24",   // Enhanced Continuous RT Image Storage
            "1.2.840.10008.5.1.4.1.1.481.2",    // RT Dose Storage
            "1.2.840.10008.5.1.4.1.1.481.3",    // RT Structure Set Storage
            "1.2.840.10008.5.1.4.1.1.481.5",    // RT Plan Storage
            "1.2.840.10008.5.1.4.1.1.481.8",    // RT Ion Plan Storage
            "1.2.840.10008.5.1.4.1.1.481.4",    // RT Beams Treatment Record Storage
            "1.2.840.10008.5.1.4.1.1.481.9",    // RT Ion Beams Treatment Record Storage
            "1.2.840.10008.5.1.4.1.1.66.1",     // Spatial Registration Storage
            "1.2.840.10008.5.1.4.1.1.66.3",     // Deformable Spatial Registration Storage
            "1.2.840.10008.5.1.4.1.1.66.4",     // Segmentation Storage
            "1.2.840.10008.5.1.4.1.1.104.1",    // Encapsulated PDF Storage
        };

        /// <summary>
        /// True for a UID in the storage SOP class branch (1.2.840.10008.5.1.4.1.1.*), the "accept every storage class" option.
        /// </summary>
        public static bool IsStorageClass(string uid) =>
            uid != null && uid.StartsWith(DicomUids.StorageRoot, System.StringComparison.Ordinal) && DicomUids.IsValidUid(uid);
    }
}
