using System.Linq;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.StructuredReport;
using Xunit;

namespace HamletPS.Dicom.Tests.StructuredReport
{
    /// <summary>The SR content tree in memory; the dose tests in HamletPS.Core.Tests check real documents against dsrdump.</summary>
    public class SrDocumentTests
    {
        private static DicomDataset Code(string value, string scheme, string meaning)
        {
            var d = new DicomDataset();
            d.AddOrUpdate(DicomTags.CodeValue, value);
            d.AddOrUpdate(DicomTags.CodingSchemeDesignator, scheme);
            d.AddOrUpdate(DicomTags.CodeMeaning, meaning);
            return d;
        }

        private static DicomDataset Item(string type, string value, string scheme, string meaning, params DicomDataset[] children)
        {
            var d = new DicomDataset();
            d.AddOrUpdate(DicomTags.RelationshipType, "CONTAINS");
            d.AddOrUpdate(DicomTags.ValueType, type);
            d.AddOrUpdate(new DicomSequence(DicomTags.ConceptNameCodeSequence, Code(value, scheme, meaning)));
            if (children.Length > 0) d.AddOrUpdate(new DicomSequence(DicomTags.ContentSequence, children));
            return d;
        }

        private static DicomDataset Num(string value, string meaning, string number, string units)
        {
            DicomDataset d = Item("NUM", value, "DCM", meaning);
            var m = new DicomDataset();
            m.AddOrUpdate(DicomTags.NumericValue, number);
            m.AddOrUpdate(new DicomSequence(DicomTags.MeasurementUnitsCodeSequence, Code(units, "UCUM", units)));
            d.AddOrUpdate(new DicomSequence(DicomTags.MeasuredValueSequence, m));
            return d;
        }

        private static DicomDataset Root(params DicomDataset[] children)
        {
            var root = new DicomDataset();
            root.AddOrUpdate(DicomTags.ValueType, "CONTAINER");
            root.AddOrUpdate(new DicomSequence(DicomTags.ConceptNameCodeSequence, Code("113701", "DCM", "X-Ray Radiation Dose Report")));
            root.AddOrUpdate(new DicomSequence(DicomTags.ContentSequence, children));
            return root;
        }

        [Fact]
        public void Concepts_AreMatchedByValueAndScheme_NeverByMeaningOrPosition()
        {
            var doc = SrDocument.Read(Root(
                Num("113830", "a private meaning", "1", "mGy"),
                Item("TEXT", "113830", "99PRIVATE", "Mean CTDIvol"),
                Num("113830", "Mean CTDIvol", "2", "mGy")));

            Assert.Equal(2, doc.Root.ChildrenOf("113830", "DCM").Count());
            Assert.Equal(1.0, doc.Root.Child("113830", "DCM").Numeric);
            Assert.Null(doc.Root.Child("113830", "dcm"));
            Assert.Equal(new SrCode("113830", "DCM", "x"), new SrCode("113830", "DCM", "y"));
            Assert.NotEqual(new SrCode("113830", "DCM"), new SrCode("113830", "SRT"));
        }

        [Fact]
        public void NumericItem_CarriesItsValueAndUnits_AndEmptyMeasuredValueIsNoValue()
        {
            DicomDataset empty = Item("NUM", "113838", "DCM", "DLP");
            empty.AddOrUpdate(new DicomSequence(DicomTags.MeasuredValueSequence));
            var doc = SrDocument.Read(Root(Item("CONTAINER", "113829", "DCM", "CT Dose", Num("113830", "Mean CTDIvol", "12.5", "mGy"), empty)));

            SrContentItem ctdi = doc.Root.Child("113829", "DCM").Child("113830", "DCM");
            Assert.Equal(12.5, ctdi.Numeric);
            Assert.Equal("mGy", ctdi.Units.Value);
            Assert.Equal("UCUM", ctdi.Units.Scheme);
            Assert.Equal("NUM", ctdi.ValueType);
            Assert.Equal("CONTAINS", ctdi.RelationshipType);
            Assert.Null(doc.Root.Child("113829", "DCM").Child("113838", "DCM").Numeric);
            Assert.Single(doc.Root.Descendants("113830", "DCM"));
            Assert.Same(doc.Root.Child("113829", "DCM"), ctdi.Parent);
        }

        [Fact]
        public void TextCodeUidAndDateTime_AreRead()
        {
            DicomDataset text = Item("TEXT", "125203", "DCM", "Acquisition Protocol");
            text.AddOrUpdate(DicomTags.TextValue, "Chest routine");
            DicomDataset code = Item("CODE", "123014", "DCM", "Target Region");
            code.AddOrUpdate(new DicomSequence(DicomTags.ConceptCodeSequence, Code("51185008", "SCT", "Chest")));
            DicomDataset uid = Item("UIDREF", "113769", "DCM", "Irradiation Event UID");
            uid.AddOrUpdate(DicomTags.UID, "2.25.42");
            DicomDataset dt = Item("DATETIME", "111526", "DCM", "DateTime Started");
            dt.AddOrUpdate(DicomTags.DateTime, "20260102030405");
            var doc = SrDocument.Read(Root(text, code, uid, dt));

            Assert.Equal("Chest routine", doc.Root.Child("125203", "DCM").Text);
            Assert.True(doc.Root.Child("123014", "DCM").Code.Is("51185008", "SCT"));
            Assert.Equal("Chest", doc.Root.Child("123014", "DCM").Code.Meaning);
            Assert.Equal("2.25.42", doc.Root.Child("113769", "DCM").Uid);
            Assert.Equal(new System.DateTime(2026, 1, 2, 3, 4, 5), doc.Root.Child("111526", "DCM").DateTime);
        }

        [Fact]
        public void NotAContainerAtTheRoot_IsAnSrFormatExceptionNamingTheSource()
        {
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.Modality, "CT");
            var ex = Assert.Throws<SrFormatException>(() => SrDocument.Read(ds, "/data/x.dcm"));
            Assert.StartsWith("/data/x.dcm: ", ex.Message);
        }

        [Fact]
        public void ContentTreeDeeperThanTheLimit_IsRejected()
        {
            DicomDataset inner = Item("CONTAINER", "1", "DCM", "c");
            for (int i = 0; i < SrDocument.MaxDepth + 1; i++) inner = Item("CONTAINER", "1", "DCM", "c", inner);
            Assert.Throws<SrFormatException>(() => SrDocument.Read(Root(inner)));
        }
    }
}
