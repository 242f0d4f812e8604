using System;
using System.Collections.Generic;
using System.Linq;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Core.Deidentification.Pixels
{
    /// <summary>
    /// Whether an instance's pixels or encapsulated payload may carry identifying text, decided from its header alone
    /// (docs/deidentification.md, "Pixels"). At risk: Burned In Annotation YES; Recognizable Visual Features YES; an
    /// encapsulated document (PDF, CDA...); a SOP class or modality that commonly carries text (Secondary Capture and its
    /// multi-frame variants, ultrasound, XA/RF, visible-light photographs and video, documents); Image Type containing a
    /// screen capture (SCREEN SAVE); and DERIVED/SECONDARY Image Type except for the modalities where reconstructions and
    /// reformats are routine (CT, MR, PT, NM, RT Dose, RT Image, SEG, REG): those pass, like every CT/MR/RT object without the flags.
    /// Instances without pixel data or a document (RT Plan, RT Structure Set, SR...) are never at risk here.
    /// </summary>
    public static class PixelRisk
    {
        private static readonly Dictionary<string, string> RiskySopClasses = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["1.2.840.10008.5.1.4.1.1.7"] = "Secondary Capture",
            ["1.2.840.10008.5.1.4.1.1.7.1"] = "Multi-frame Single Bit Secondary Capture",
            ["1.2.840.10008.5.1.4.1.1.7.2"] = "Multi-frame Grayscale Byte Secondary Capture",
            ["1.2.840.10008.5.1.4.1.1.7.3"] = "Multi-frame Grayscale Word Secondary Capture",
            ["1.2.840.10008.5.1.4.1.1.7.4"] = "Multi-frame True Color Secondary Capture",
            ["1.2.840.10008.5.1.4.1.1.6"] = "Ultrasound (retired)",
            ["1.2.840.10008.5.1.4.1.1.6.1"] = "Ultrasound",
            ["1.2.840.10008.5.1.4.1.1.6.2"] = "Enhanced US Volume",
            ["1.2.840.10008.5.1.4.1.1.3"] = "Ultrasound Multi-frame (retired)",
            ["1.2.840.10008.5.1.4.1.1.3.1"] = "Ultrasound Multi-frame",
            ["1.2.840.10008.5.1.4.1.1.12.1"] = "X-Ray Angiographic",
            ["1.2.840.10008.5.1.4.1.1.12.1.1"] = "Enhanced XA",
            ["1.2.840.10008.5.1.4.1.1.12.2"] = "X-Ray Radiofluoroscopic",
            ["1.2.840.10008.5.1.4.1.1.12.2.1"] = "Enhanced XRF",
            ["1.2.840.10008.5.1.4.1.1.104.1"] = "Encapsulated PDF",
            ["1.2.840.10008.5.1.4.1.1.104.2"] = "Encapsulated CDA",
            ["1.2.840.10008.5.1.4.1.1.77.1.1"] = "VL Endoscopic",
            ["1.2.840.10008.5.1.4.1.1.77.1.1.1"] = "Video Endoscopic",
            ["1.2.840.10008.5.1.4.1.1.77.1.2"] = "VL Microscopic",
            ["1.2.840.10008.5.1.4.1.1.77.1.2.1"] = "Video Microscopic",
            ["1.2.840.10008.5.1.4.1.1.77.1.3"] = "VL Slide-Coordinates Microscopic",
            ["1.2.840.10008.5.1.4.1.1.77.1.4"] = "VL Photographic",
            ["1.2.840.10008.5.1.4.1.1.77.1.4.1"] = "Video Photographic",
            ["1.2.840.10008.5.1.4.1.1.77.1.5.1"] = "Ophthalmic Photography 8 Bit",
            ["1.2.840.10008.5.1.4.1.1.77.1.5.2"] = "Ophthalmic Photography 16 Bit",
        };

        /// <summary>Modalities whose images commonly carry text (whatever their SOP class).</summary>
        private static readonly HashSet<string> RiskyModalities = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "US", "IVUS", "XA", "RF", "XC", "ES", "GM", "SM", "OP", "DOC", "OT",
        };

        /// <summary>Modalities where DERIVED/SECONDARY Image Types are routine (reconstructions, reformats, dose grids, DRRs).</summary>
        private static readonly HashSet<string> DerivedIsRoutine = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "CT", "MR", "PT", "NM", "RTDOSE", "RTIMAGE", "SEG", "REG",
        };

        /// <summary>Why the instance is at risk (no patient value: standard names and flags only), or null when it is not.</summary>
        public static string Assess(DicomDataset ds)
        {
            if (ds == null) throw new ArgumentNullException(nameof(ds));
            bool document = ds.Contains(DicomTags.EncapsulatedDocument);
            bool pixels = ds.Contains(DicomTags.PixelData) || ds.Contains(new DicomTag(0x7FE0, 0x0008)) || ds.Contains(new DicomTag(0x7FE0, 0x0009));
            if (!document && !pixels) return null;
            var reasons = new List<string>();
            if (IsYes(ds.GetString(DicomTags.BurnedInAnnotation))) reasons.Add("Burned In Annotation YES");
            if (IsYes(ds.GetString(DicomTags.RecognizableVisualFeatures))) reasons.Add("Recognizable Visual Features YES");
            if (document) reasons.Add("encapsulated document");
            string sop = ds.GetUid(DicomTags.SOPClassUID) ?? "";
            if (RiskySopClasses.TryGetValue(sop, out string sopName)) reasons.Add("SOP class " + sopName);
            string modality = ds.GetString(DicomTags.Modality)?.Trim() ?? "";
            if (RiskyModalities.Contains(modality)) reasons.Add("modality " + modality);
            var imageType = (ds.GetStrings(DicomTags.ImageType) ?? Array.Empty<string>()).Select(s => s.Trim().ToUpperInvariant()).ToArray();
            if (imageType.Skip(2).Any(v => v.Contains("SCREEN") || v.Contains("CAPTURE")))
                reasons.Add("Image Type screen capture");
            else if (!DerivedIsRoutine.Contains(modality) && (imageType.Length > 0 && imageType[0] == "DERIVED" || imageType.Length > 1 && imageType[1] == "SECONDARY"))
                reasons.Add("Image Type " + (imageType[0] == "DERIVED" ? "DERIVED" : "SECONDARY"));
            return reasons.Count == 0 ? null : string.Join(", ", reasons.Distinct());
        }

        private static bool IsYes(string value) => string.Equals(value?.Trim(), "YES", StringComparison.OrdinalIgnoreCase);
    }
}
