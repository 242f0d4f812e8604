using System.Collections.Generic;
using System.IO;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>`hamlet --json` writes UTF-8 whatever the console's code page or locale charset (Windows: OEM 437/850).</summary>
    public sealed class JsonConsoleTests : ScratchFolderTest
    {
        public JsonConsoleTests() : base("hamlet-jsonenc-") { }

        [Fact]
        public void InspectJson_UnderALatin1Locale_IsStillUtf8()
        {
            Directory.CreateDirectory(Root);
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 192");
            ds.AddOrUpdate(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.2");
            ds.AddOrUpdate(DicomTags.SOPInstanceUID, "2.25.4242");
            ds.AddOrUpdate(DicomTags.Modality, "CT");
            ds.AddOrUpdate(DicomTags.PatientID, "SYN-JSON");
            ds.AddOrUpdate(DicomTags.PatientName, "Synthetic^Zo\u00EB");
            string path = Path.Combine(Root, "a.dcm");
            new DicomFile(ds, DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);
            var latin1 = new Dictionary<string, string> { ["LANG"] = "en_US.ISO-8859-1", ["LC_ALL"] = "en_US.ISO-8859-1" };

            HamletExecutables.Run run = HamletExecutables.Start(false, Root, latin1, "inspect", "--json", path);

            Assert.True(run.Code == 0, run.ToString());
            Assert.Contains("Synthetic^Zo\u00EB", run.Out); // read back as UTF-8: a Latin-1 byte would be U+FFFD here
        }
    }
}
