using System;
using System.IO;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using HamletPS.Synthetic;

namespace HamletPS.Core.Tests.Sorting
{
    /// <summary>Synthetic DICOM for the sorting tests: small RT studies and single hand-made files (invented values only).</summary>
    internal static class SortTestData
    {
        public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

        public static RtStudy WriteStudy(string folder, int patientIndex = 1, int slices = 3, ulong seed = 7)
        {
            var patient = new SyntheticPatientGenerator(seed).Create(patientIndex);
            var options = new RtStudyOptions { Seed = seed + (ulong)patientIndex, Slices = slices, ImageSize = 16 };
            return new RtStudyBuilder(patient, options).Write(folder);
        }

        /// <summary>A one-file CT with the given identifiers (null leaves the attribute out).</summary>
        public static string WriteFile(string path, string patientId, string sopInstanceUid, string studyUid = "2.25.100", string seriesUid = "2.25.200",
            string modality = "CT", string seriesNumber = "3", byte[] pixels = null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path));
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.SOPClassUID, CtImageStorage);
            if (sopInstanceUid != null) ds.AddOrUpdate(DicomTags.SOPInstanceUID, sopInstanceUid);
            ds.AddOrUpdate(DicomTags.Modality, modality);
            ds.AddOrUpdate(DicomTags.PatientName, "SYNTHSORT^PATIENT");
            if (patientId != null) ds.AddOrUpdate(DicomTags.PatientID, patientId);
            if (studyUid != null) ds.AddOrUpdate(DicomTags.StudyInstanceUID, studyUid);
            if (seriesUid != null) ds.AddOrUpdate(DicomTags.SeriesInstanceUID, seriesUid);
            if (seriesNumber != null) ds.AddOrUpdate(DicomTags.SeriesNumber, seriesNumber);
            if (pixels != null) ds.AddOrUpdate(DicomTags.ImageComments, Convert.ToBase64String(pixels));
            new DicomFile(ds, DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);
            return path;
        }

        /// <summary>Makes files look old enough to have settled.</summary>
        public static void Age(string root)
        {
            foreach (string file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
                File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-10));
        }
    }
}
