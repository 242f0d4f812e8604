using System;
using System.IO;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using Xunit;

namespace HamletPS.Dicom.Tests
{
    public class DataModelTests
    {
        [Theory]
        [InlineData("(0010,0010)")]
        [InlineData("0010,0010")]
        [InlineData("00100010")]
        [InlineData("PatientName")]
        public void Tag_ParsesAllNotations(string text) => Assert.Equal(DicomTags.PatientName, DicomTag.Parse(text));

        [Fact]
        public void Tag_PrivateAndCreatorFlags()
        {
            Assert.True(new DicomTag(0x0029, 0x0010).IsPrivateCreator);
            Assert.True(new DicomTag(0x0029, 0x1010).IsPrivate);
            Assert.False(new DicomTag(0x0029, 0x1010).IsPrivateCreator);
            Assert.Equal(new DicomTag(0x0029, 0x0010), new DicomTag(0x0029, 0x1010).PrivateCreatorTag);
            Assert.False(DicomTags.PatientName.IsPrivate);
            Assert.Equal("(0010,0010)", DicomTags.PatientName.ToString());
        }

        [Fact]
        public void Dictionary_KnowsRepeatingGroupsAndAmbiguousVRs()
        {
            var overlay = DicomDictionary.Lookup(new DicomTag(0x6002, 0x3000));
            Assert.Equal("OverlayData", overlay.Keyword);
            Assert.Equal("(60xx,3000)", overlay.TagPattern);
            Assert.Equal("OB or OW", overlay.VRText);
            Assert.Equal("SourceImageIDs", DicomDictionary.Lookup(new DicomTag(0x0020, 0x3105)).Keyword);
            Assert.Equal("VariablePixelData", DicomDictionary.Lookup(new DicomTag(0x7F22, 0x0010)).Keyword);
            var smallest = DicomDictionary.Lookup(DicomTags.SmallestImagePixelValue);
            Assert.True(smallest.IsAmbiguousVR);
            Assert.Equal(new[] { DicomVR.US, DicomVR.SS }, smallest.ValueRepresentations);
            Assert.Null(DicomDictionary.Lookup(new DicomTag(0x0009, 0x1001)));
            Assert.Equal("CT Image Storage", DicomUids.GetName(DicomUids.CTImageStorage));
            Assert.True(DicomUids.Lookup(DicomUids.ExplicitVRBigEndian).IsRetired);
        }

        [Fact]
        public void VR_HeaderKindsAndPadding()
        {
            Assert.Equal(34, typeof(DicomVR).GetFields().Length);
            Assert.True(DicomVR.UT.HasLongExplicitHeader);
            Assert.True(DicomVR.OV.HasLongExplicitHeader);
            Assert.False(DicomVR.PN.HasLongExplicitHeader);
            Assert.Equal(0, DicomVR.UI.PaddingByte);
            Assert.Equal((byte)' ', DicomVR.LO.PaddingByte);
            Assert.Same(DicomVR.SV, DicomVR.Get("SV"));
            Assert.Null(DicomVR.Get("XX"));
        }

        [Fact]
        public void Element_ValueEquals_ComparesInMemoryBytesWithoutCopying_AndIsFalseForReferencedValues()
        {
            var e = new DicomElement(DicomTags.SOPInstanceUID, DicomVR.UI, new byte[] { (byte)'1', (byte)'.', (byte)'2', 0 });
            Assert.True(e.ValueEquals(new byte[] { (byte)'1', (byte)'.', (byte)'2', 0 }));
            Assert.False(e.ValueEquals(new byte[] { (byte)'1', (byte)'.', (byte)'3', 0 }));
            Assert.False(e.ValueEquals(new byte[] { (byte)'1', (byte)'.' }));
            Assert.False(e.ValueEquals(null));

            using var temp = new TempFolder("valueequals");

            string path = temp.File("valueequals.dcm");
            try
            {
                var pixels = new byte[80 * 1024];
                new Random(3).NextBytes(pixels);
                var file = new DicomFile();
                file.Dataset.AddOrUpdate(DicomTags.SOPClassUID, DicomUids.CTImageStorage);
                file.Dataset.AddOrUpdate(DicomTags.SOPInstanceUID, "1.2.3");
                file.Dataset.AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OW, pixels));
                file.Save(path);
                DicomElement referenced = DicomFile.Open(path).Dataset.GetElement(DicomTags.PixelData);
                Assert.True(referenced.IsReference);
                Assert.Equal(pixels, referenced.GetBytes());
                Assert.False(referenced.ValueEquals(pixels)); // not in memory: never loaded to compare
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Dataset_TypedAccessors()
        {
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.PatientName, "Doe^Jane^Q^Dr^III");
            ds.AddOrUpdate(DicomTags.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
            ds.AddOrUpdate(DicomTags.Rows, 512);
            ds.AddOrUpdate(DicomTags.PixelSpacing, 0.976, 0.5);
            ds.AddOrUpdate(DicomTags.InstanceNumber, "17");
            ds.AddOrUpdate(DicomTags.StudyDate, "20240131");
            ds.AddOrUpdate(DicomTags.StudyTime, "134501.25");
            ds.AddOrUpdate(DicomTags.AcquisitionDateTime, "20240131134501.5+0100");
            ds.AddOrUpdate(DicomTags.SOPInstanceUID, "1.2.3.4");
            ds.AddOrUpdate("Columns", "256");

            Assert.Equal("Doe^Jane^Q^Dr^III", ds.GetString(DicomTags.PatientName));
            var pn = ds.GetPersonName("PatientName");
            Assert.Equal("Doe", pn.FamilyName);
            Assert.Equal("Jane", pn.GivenName);
            Assert.Equal("III", pn.NameSuffix);
            Assert.Equal(new[] { "ORIGINAL", "PRIMARY", "AXIAL" }, ds.GetStrings(DicomTags.ImageType));
            Assert.Equal(512, ds.GetInt(DicomTags.Rows));
            Assert.Equal(256, ds.GetInt(DicomTags.Columns));
            Assert.Equal(DicomVR.US, ds[DicomTags.Columns].VR);
            Assert.Equal(new[] { 0.976, 0.5 }, ds.GetDoubles(DicomTags.PixelSpacing));
            Assert.Equal(17, ds.GetInt("InstanceNumber"));
            Assert.Equal(new DateTime(2024, 1, 31), ds.GetDate(DicomTags.StudyDate));
            Assert.Equal(new TimeSpan(0, 13, 45, 1, 250), ds.GetTime(DicomTags.StudyTime));
            Assert.Equal(new DateTime(2024, 1, 31, 13, 45, 1, 250), ds.GetDateTime(DicomTags.StudyDate, DicomTags.StudyTime));
            Assert.Equal(new DateTimeOffset(2024, 1, 31, 13, 45, 1, 500, TimeSpan.FromHours(1)), ds.GetDateTimeOffset(DicomTags.AcquisitionDateTime));
            Assert.Equal("1.2.3.4", ds.GetUid(DicomTags.SOPInstanceUID));
            Assert.Null(ds.GetString(DicomTags.PatientID));
            Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => ds.GetInt(DicomTags.PatientID));
        }

        [Fact]
        public void Dataset_KeepsTagOrderAndReplaces()
        {
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.PatientID, "B");
            ds.AddOrUpdate(DicomTags.Modality, "CT");
            ds.AddOrUpdate(DicomTags.PatientID, "C");
            Assert.Equal(2, ds.Count);
            Assert.Equal(DicomTags.Modality, ds.ToArray()[0].Tag);
            Assert.Equal("C", ds.GetString("PatientID"));
            Assert.True(ds.Remove(DicomTags.Modality));
            Assert.False(ds.Contains("Modality"));
        }

        [Fact]
        public void Dataset_PrivateCreatorsReserveAndFindBlocks()
        {
            var ds = new DicomDataset();
            ds.AddOrUpdate(new DicomTag(0x0029, 0x0010), "OTHER VENDOR");
            var tag = ds.GetOrReservePrivateTag(0x0029, "HAMLET TEST", 0x01);
            Assert.Equal(new DicomTag(0x0029, 0x1101), tag);
            ds.AddOrUpdate(tag, DicomVR.LO, "x");
            Assert.Equal("HAMLET TEST", ds.GetPrivateCreator(tag));
            Assert.True(ds.TryGetPrivateTag(0x0029, "HAMLET TEST", 0x01, out var found));
            Assert.Equal(tag, found);
            Assert.False(ds.TryGetPrivateTag(0x0029, "NOBODY", 0x01, out _));
        }

        [Fact]
        public void Sequence_ItemsInheritSpecificCharacterSet()
        {
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 192");
            var item = new DicomDataset();
            ds.AddOrUpdateSequence(DicomTags.ReferencedPatientSequence, item);
            item.AddOrUpdate(DicomTags.PatientName, "Müller^Jürgen");
            Assert.Equal(new byte[] { 0x4D, 0xC3, 0xBC }, item[DicomTags.PatientName].GetBytes().AsSpan(0, 3).ToArray());
            Assert.Equal("Müller^Jürgen", ds.GetSequence(DicomTags.ReferencedPatientSequence).Items[0].GetString(DicomTags.PatientName));
        }

        [Fact]
        public void Element_ToStringIsADumpLine()
        {
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.Modality, "CT");
            Assert.Equal("(0008,0060) CS [CT]  # 2, Modality", ds[DicomTags.Modality].ToString());
        }

        [Fact]
        public void TransferSyntaxes_FromRegistry()
        {
            Assert.True(DicomTransferSyntax.Lookup(DicomUids.JPEG2000Lossless).IsEncapsulated);
            Assert.True(DicomTransferSyntax.Lookup(DicomUids.RLELossless).IsExplicitVR);
            Assert.False(DicomTransferSyntax.ImplicitVRLittleEndian.IsExplicitVR);
            Assert.True(DicomTransferSyntax.ExplicitVRBigEndian.IsBigEndian);
            Assert.True(DicomTransferSyntax.DeflatedExplicitVRLittleEndian.IsDeflated);
            Assert.False(DicomTransferSyntax.ExplicitVRLittleEndian.IsEncapsulated);
        }
    }
}
