using System.IO;
using System.Text;
using HamletPS.Dicom;
using HamletPS.Dicom.Data;
using Xunit;

namespace HamletPS.Dicom.Tests
{
    public class NotDicomDetectionTests
    {
        [Theory]
        [InlineData(40)]
        [InlineData(127)]
        [InlineData(4096)]
        public void Read_RunOfZeroBytes_IsNotDicom(int length)
        {
            var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Read(new MemoryStream(new byte[length]), "zeros.bin"));
            Assert.Equal("zeros.bin", ex.Source);
            Assert.Contains("not a DICOM file", ex.Reason);
        }

        [Fact]
        public void Read_TextFile_IsNotDicom()
        {
            byte[] text = Encoding.ASCII.GetBytes("MRN,Study_ID\r\nSYN0001,123_1001\r\n");
            Assert.Throws<DicomFormatException>(() => DicomFile.Read(new MemoryStream(text), "mapping.csv"));
        }
    }
}
