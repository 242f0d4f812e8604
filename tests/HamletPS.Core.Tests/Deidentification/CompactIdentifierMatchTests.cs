using System.IO;
using System.Linq;
using System.Text;
using HamletPS.Core.Deidentification;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification
{
    /// <summary>Issue 14, finding 9: the residual-identifier check and descriptor cleaning find an ID written with other
    /// separators or case ("SYN 0000880" for the MRN SYN0000880), not only the exact value.</summary>
    public class CompactIdentifierMatchTests
    {
        private const string Mrn = "SYN0000880";

        private static DicomDataset Patient(string modelName)
        {
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.2");
            ds.AddOrUpdate(DicomTags.SOPInstanceUID, "2.25.880001");
            ds.AddOrUpdate(DicomTags.StudyInstanceUID, "2.25.880002");
            ds.AddOrUpdate(DicomTags.SeriesInstanceUID, "2.25.880003");
            ds.AddOrUpdate(DicomTags.Modality, "CT");
            ds.AddOrUpdate(DicomTags.PatientID, Mrn);
            ds.AddOrUpdate(DicomTags.PatientName, "SYNTHCOMPACT^PATIENT");
            ds.AddOrUpdate(DicomTags.PatientBirthDate, "19610203");
            ds.AddOrUpdate(DicomTags.ManufacturerModelName, modelName);
            return ds;
        }

        [Theory]
        [InlineData("Model SYN 0000880")]
        [InlineData("syn-0000880")]
        [InlineData("S.Y.N/0000880 v2")]
        [InlineData("SYN_0000880")]
        [InlineData("SYN^0000880")]
        [InlineData("born 1961 02 03")]
        public void Scan_FindsTheIdentifierWrittenWithOtherSeparatorsOrCase(string text)
        {
            var ids = PatientIdentifiers.FromDataset(Patient("x"));
            var file = new DicomFile(Patient(text), DicomTransferSyntax.ExplicitVRLittleEndian);
            file.Dataset.AddOrUpdate(DicomTags.PatientID, "PROTECTED1");
            file.Dataset.AddOrUpdate(DicomTags.PatientName, "PROTECTED1");
            file.Dataset.Remove(DicomTags.PatientBirthDate);

            var hits = new ResidualIdentifierScanner().Scan(file, ids);

            Assert.Contains(hits, h => h.Location == "(0008,1090)");
            Assert.DoesNotContain("0000880", string.Join(";", hits.Select(h => h.ToString())));
        }

        [Fact]
        public void Scan_NamesANestedHitBySequencesItemsAndTag_AndAMetaHitByItsGroup()
        {
            var ids = PatientIdentifiers.FromDataset(Patient("x"));
            var file = new DicomFile(Patient("SOMATOM"), DicomTransferSyntax.ExplicitVRLittleEndian);
            file.Dataset.AddOrUpdate(DicomTags.PatientID, "PROTECTED1");
            file.Dataset.AddOrUpdate(DicomTags.PatientName, "PROTECTED1");
            file.Dataset.Remove(DicomTags.PatientBirthDate);
            var clean = new DicomDataset();
            clean.AddOrUpdate(DicomTags.SeriesDescription, "planning");
            var inner = new DicomDataset();
            inner.AddOrUpdate(DicomTags.ROIName, "GTV syn-0000880");
            var leaky = new DicomDataset();
            leaky.AddOrUpdate(DicomTags.SeriesDescription, "planning");
            leaky.AddOrUpdateSequence(DicomTags.RTROIObservationsSequence, new DicomDataset(), inner);
            file.Dataset.AddOrUpdateSequence(DicomTags.ReferencedSeriesSequence, clean, leaky);
            file.FileMetaInformation.AddOrUpdate(DicomTags.SourceApplicationEntityTitle, "SYN0000880");

            var hits = new ResidualIdentifierScanner().Scan(file, ids);

            Assert.Equal(new[] { "meta:(0002,0016)", "(0008,1115)[1]/(3006,0080)[1]/(3006,0026)" }, hits.Select(h => h.Location).ToArray());
            Assert.All(hits, h => Assert.Equal(IdentifierKind.PatientId, h.Kind));
        }

        [Fact]
        public void Scan_AnOrdinaryModelNameIsNoHit()
        {
            var ids = PatientIdentifiers.FromDataset(Patient("x"));
            var file = new DicomFile(Patient("SOMATOM Definition AS+ 0000 88"), DicomTransferSyntax.ExplicitVRLittleEndian);
            file.Dataset.AddOrUpdate(DicomTags.PatientID, "PROTECTED1");
            file.Dataset.AddOrUpdate(DicomTags.PatientName, "PROTECTED1");
            file.Dataset.Remove(DicomTags.PatientBirthDate);
            Assert.Empty(new ResidualIdentifierScanner().Scan(file, ids));
        }

        [Fact]
        public void ScanPath_FindsAnMrnSplitByTheSeparatorOfTheName()
        {
            var ids = PatientIdentifiers.FromDataset(Patient("x"));
            Assert.NotEmpty(new ResidualIdentifierScanner().ScanPath("180_1001/CT_SYN_0000880/2.25.1.dcm", ids));
            Assert.Empty(new ResidualIdentifierScanner().ScanPath("180_1001/CT_3_2.25.123/2.25.1.dcm", ids));
        }

        [Fact]
        public void RemoveAll_CleansTheIdentifierWrittenWithSpaces()
        {
            var ids = PatientIdentifiers.FromDataset(Patient("x"));
            Assert.Equal("Model", IdentityTextMatcher.RemoveAll("Model SYN 0000880", ids));
            Assert.Equal("Model v2", IdentityTextMatcher.RemoveAll("Model syn-0000880 v2", ids));
        }

        [Fact]
        public void Protect_AManufacturersModelNameHoldingTheMrnWithASpaceNeverLeavesWithIt()
        {
            string scratch = DeidTestSupport.NewScratch("compact");
            string input = Path.Combine(scratch, "in", "a.dcm");
            Directory.CreateDirectory(Path.GetDirectoryName(input));
            new DicomFile(Patient("Model SYN 0000880"), DicomTransferSyntax.ExplicitVRLittleEndian).Save(input);
            using var keys = DeidTestSupport.Keys();
            string outRoot = Path.Combine(scratch, "out");
            using (var p = new DicomProtector(DeidTestSupport.Options(keys, outRoot, null)))
            {
                ProtectionResult r = Assert.Single(p.Protect(new[] { input }));
                if (r.Status == ProtectionStatus.Protected)
                {
                    string written = File.ReadAllText(r.DestinationPath, Encoding.Latin1);
                    Assert.DoesNotContain("0000880", written);
                }
                else Assert.Equal("ResidualIdentifier", r.Failure.Reason); // withheld, never written
            }
            Assert.DoesNotContain(Directory.Exists(outRoot) ? Directory.GetFiles(outRoot, "*", SearchOption.AllDirectories) : new string[0],
                f => File.ReadAllText(f, Encoding.Latin1).Contains("0000880"));
        }
    }
}
