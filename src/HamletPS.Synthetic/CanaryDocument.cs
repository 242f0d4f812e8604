using System.Globalization;
using System.Text;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Synthetic
{
    /// <summary>An Encapsulated PDF instance whose document (a one-page PDF of our own) names the canary patient in its text.</summary>
    public static class CanaryDocument
    {
        public const string EncapsulatedPdfStorage = "1.2.840.10008.5.1.4.1.1.104.1";

        /// <summary>A minimal one-page PDF showing <paramref name="text"/> (Helvetica 14 pt).</summary>
        public static byte[] Pdf(string text)
        {
            string content = "BT /F1 14 Tf 40 760 Td (" + text + ") Tj ET";
            var objects = new[]
            {
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + content.Length + " >>\nstream\n" + content + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            };
            var sb = new StringBuilder("%PDF-1.4\n");
            var offsets = new int[objects.Length];
            for (int i = 0; i < objects.Length; i++)
            {
                offsets[i] = sb.Length;
                sb.Append(i + 1).Append(" 0 obj\n").Append(objects[i]).Append("\nendobj\n");
            }
            int xref = sb.Length;
            sb.Append("xref\n0 ").Append(objects.Length + 1).Append("\n0000000000 65535 f \n");
            foreach (int o in offsets) sb.Append(o.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
            sb.Append("trailer\n<< /Size ").Append(objects.Length + 1).Append(" /Root 1 0 R >>\nstartxref\n").Append(xref).Append("\n%%EOF\n");
            return Encoding.ASCII.GetBytes(sb.ToString());
        }

        /// <summary>The instance: canary patient in the header, "Patient CANARYFAMILY MRN CANARY-MRN-77" in the PDF.</summary>
        public static DicomFile Build(ulong seed = 23)
        {
            var uids = new SyntheticUidFactory(seed);
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 100");
            ds.AddOrUpdate(DicomTags.SOPClassUID, EncapsulatedPdfStorage);
            ds.AddOrUpdate(DicomTags.SOPInstanceUID, uids.Create("canary-pdf-instance"));
            ds.AddOrUpdate(DicomTags.PatientName, CanaryStudy.FamilyName + "^" + CanaryStudy.GivenName);
            ds.AddOrUpdate(DicomTags.PatientID, CanaryStudy.PatientId);
            ds.AddOrUpdate(DicomTags.PatientBirthDate, CanaryStudy.BirthDate);
            ds.AddOrUpdate(DicomTags.PatientSex, "O");
            ds.AddOrUpdate(DicomTags.StudyInstanceUID, uids.Create("canary-pdf-study"));
            ds.AddOrUpdate(DicomTags.SeriesInstanceUID, uids.Create("canary-pdf-series"));
            ds.AddOrUpdate(DicomTags.StudyDate, "20240105");
            ds.AddOrUpdate(DicomTags.StudyTime, "101500");
            ds.AddOrUpdate(DicomTags.StudyID, "1");
            ds.AddOrUpdate(DicomTags.AccessionNumber, "");
            ds.AddOrUpdate(DicomTags.ReferringPhysicianName, "");
            ds.AddOrUpdate(DicomTags.Modality, "DOC");
            ds.AddOrUpdate(DicomTags.SeriesNumber, "9");
            ds.AddOrUpdate(DicomTags.InstanceNumber, "1");
            ds.AddOrUpdate(DicomTags.ConversionType, "WSD");
            ds.AddOrUpdate(DicomTags.BurnedInAnnotation, "YES");
            ds.AddOrUpdate(DicomTags.DocumentTitle, "TREATMENT SUMMARY");
            ds.AddOrUpdate(DicomTags.MIMETypeOfEncapsulatedDocument, "application/pdf");
            byte[] pdf = Pdf("Patient " + CanaryStudy.FamilyName + " MRN " + CanaryStudy.PatientId);
            if (pdf.Length % 2 == 1) System.Array.Resize(ref pdf, pdf.Length + 1);
            ds.AddOrUpdate(new DicomElement(DicomTags.EncapsulatedDocument, DicomVR.OB, pdf));
            return new DicomFile(ds);
        }
    }
}
