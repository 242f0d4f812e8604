using System.Linq;
using System.Text;
using HamletPS.Core.Deidentification;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification
{
    /// <summary>FromDataset reuses its last result only when every element it reads is byte-identical.</summary>
    public class PatientIdentifiersTests
    {
        private static DicomDataset Dataset(string name, string requestAccession, string charset = null, byte[] nameBytes = null)
        {
            var ds = new DicomDataset();
            if (charset != null) ds.AddOrUpdate(new DicomElement(new DicomTag(0x0008, 0x0005), DicomVR.CS, Encoding.ASCII.GetBytes(charset)));
            ds.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, "MRN12345");
            if (nameBytes != null) ds.AddOrUpdate(new DicomElement(DicomTags.PatientName, DicomVR.PN, nameBytes));
            else ds.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, name);
            var item = new DicomDataset();
            item.AddOrUpdate(DicomTags.AccessionNumber, DicomVR.SH, requestAccession);
            ds.AddOrUpdate(new DicomSequence(DicomTags.RequestAttributesSequence, item));
            return ds;
        }

        private static string[] Values(PatientIdentifiers p) => p.Values.Select(v => v.Kind + ":" + v.Value).ToArray();

        [Fact]
        public void FromDataset_SameElements_SameValues_AnyChangedElementIsReadAgain()
        {
            var a = PatientIdentifiers.FromDataset(Dataset("DOE^JOHN", "ACC0001"));
            var b = PatientIdentifiers.FromDataset(Dataset("DOE^JOHN", "ACC0001"));
            Assert.Equal(Values(a), Values(b));

            var nested = PatientIdentifiers.FromDataset(Dataset("DOE^JOHN", "ACC0002"));
            Assert.Contains("AccessionNumber:ACC0002", Values(nested));
            Assert.DoesNotContain("AccessionNumber:ACC0001", Values(nested));

            var renamed = PatientIdentifiers.FromDataset(Dataset("ROE^JANE", "ACC0002"));
            Assert.Contains("PatientName:JANE", Values(renamed));
            Assert.DoesNotContain("PatientName:JOHN", Values(renamed));

            // Same name bytes, another character set: decoded again (Latin-1 vs UTF-8 give different text).
            var utf8Name = Encoding.UTF8.GetBytes("MÜLLER^JÖRG");
            var latin1 = PatientIdentifiers.FromDataset(Dataset(null, "ACC0002", "ISO_IR 100", utf8Name));
            var utf8 = PatientIdentifiers.FromDataset(Dataset(null, "ACC0002", "ISO_IR 192", utf8Name));
            Assert.Contains("PatientName:MÜLLER", Values(utf8));
            Assert.DoesNotContain("PatientName:MÜLLER", Values(latin1));
        }
    }
}
