using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using Xunit;

namespace HamletPS.Dicom.Tests
{
    /// <summary>
    /// Every reader must take the same bytes for the patient's identity. Explicit UN values of known tags are read with the
    /// dictionary's VR as pydicom (and dcmtk with +uc) read them; a tag given twice, which readers resolve differently, is refused.
    /// </summary>
    public class IdentityReadingTests
    {
        [Fact]
        public void ExplicitUN_PatientID_IsTheTextPydicomReads()
        {
            string scratch = TestPaths.NewScratch("un-id");
            string path = Path.Combine(scratch, "un.dcm");
            File.WriteAllBytes(path, Part10(Body(
                El(0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.7\0"),
                El(0x0008, 0x0018, "UI", "2.25.77\0"),
                El(0x0010, 0x0010, "UN", "Synthetic^Un"),
                El(0x0010, 0x0020, "UN", "SYN0042 "),
                // Other Patient IDs Sequence as UN of defined length: an implicit VR little endian item inside
                El(0x0010, 0x1002, "UN", Implicit(Item(ImplicitEl(0x0010, 0x0020, "SYN0043 ")))))));

            var ds = DicomFile.Open(path).Dataset;
            Assert.Equal(DicomVR.LO, ds.GetElement(DicomTags.PatientID).VR);
            Assert.Equal("SYN0042", ds.GetString(DicomTags.PatientID));
            Assert.Equal("Synthetic^Un", ds.GetString(DicomTags.PatientName));
            var other = Assert.Single(ds.GetItems(DicomTags.OtherPatientIDsSequence));
            Assert.Equal("SYN0043", other.GetString(DicomTags.PatientID));

            var py = PydicomOracle.Dump(new[] { path }, scratch)[path].GetProperty("elements");
            Assert.Equal("'SYN0042'", Find(py, "00100020")[2].ToString());
            Assert.Equal("LO", Find(py, "00100020")[1].GetString());
            Assert.Equal("'SYN0043'", Find(Find(py, "00101002")[2][0], "00100020")[2].ToString());
        }

        [Fact]
        public void ExplicitUN_TooLongForTheDictionaryVR_IsAFormatErrorWithOffset()
        {
            string scratch = TestPaths.NewScratch("un-long");
            string path = Path.Combine(scratch, "un.dcm");
            byte[] body = Body(El(0x0008, 0x0018, "UI", "2.25.78\0"), El(0x0010, 0x0020, "UN", new string('9', 70000)));
            File.WriteAllBytes(path, Part10(body));
            var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(path));
            Assert.Contains("(0010,0020) is UN with 70000 bytes", ex.Message);
            Assert.Equal(Part10(Array.Empty<byte>()).Length + 16, ex.Offset);
            Assert.DoesNotContain("999", ex.Message);
        }

        [Fact]
        public void PatientID_GivenTwice_IsRefused_BecausePydicomAndDcmtkTakeDifferentOnes()
        {
            string scratch = TestPaths.NewScratch("dup-id");
            string path = Path.Combine(scratch, "dup.dcm");
            File.WriteAllBytes(path, Part10(Body(
                El(0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.7\0"),
                El(0x0008, 0x0018, "UI", "2.25.79\0"),
                El(0x0010, 0x0020, "LO", "SYNFIRST"),
                El(0x0010, 0x0020, "LO", "SYNSECOND "))));

            var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(path));
            Assert.Contains("(0010,0020) appears twice", ex.Message);
            Assert.DoesNotContain("SYN", ex.Message);

            // The peers disagree, which is why we refuse rather than pick one.
            var py = PydicomOracle.Dump(new[] { path }, scratch)[path].GetProperty("elements");
            string pydicomId = Find(py, "00100020")[2].ToString();
            var dcmdump = DcmdumpOracle.Raw(path);
            Assert.Equal("'SYNSECOND'", pydicomId);
            Assert.Contains("[SYNFIRST]", dcmdump.StdOut);
            Assert.DoesNotContain("[SYNSECOND]", dcmdump.StdOut);
        }

        private static System.Text.Json.JsonElement Find(System.Text.Json.JsonElement list, string tag)
        {
            foreach (var e in list.EnumerateArray())
                if (e[0].GetString() == tag) return e;
            throw new InvalidOperationException(tag + " not in pydicom's dump");
        }

        // ----- bytes -----

        internal static byte[] Part10(byte[] body)
        {
            var group = new MemoryStream();
            Write(group, El(0x0002, 0x0001, "OB", "\0\u0001"));
            Write(group, El(0x0002, 0x0002, "UI", "1.2.840.10008.5.1.4.1.1.7\0"));
            Write(group, El(0x0002, 0x0010, "UI", "1.2.840.10008.1.2.1\0"));
            var ms = new MemoryStream();
            ms.Write(new byte[128]);
            ms.Write(Encoding.ASCII.GetBytes("DICM"));
            var len = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(len, (uint)group.Length);
            Write(ms, Header(0x0002, 0x0000, "UL", 4));
            ms.Write(len);
            group.Position = 0;
            group.CopyTo(ms);
            ms.Write(body);
            return ms.ToArray();
        }

        private static byte[] Body(params byte[][] elements)
        {
            var ms = new MemoryStream();
            foreach (var e in elements) ms.Write(e);
            return ms.ToArray();
        }

        private static void Write(Stream s, byte[] b) => s.Write(b, 0, b.Length);

        private static byte[] El(ushort g, ushort e, string vr, string value) => El(g, e, vr, Encoding.Latin1.GetBytes(value));

        private static byte[] El(ushort g, ushort e, string vr, byte[] value)
        {
            var ms = new MemoryStream();
            Write(ms, Header(g, e, vr, value.Length));
            ms.Write(value);
            return ms.ToArray();
        }

        private static byte[] Header(ushort g, ushort e, string vr, int length)
        {
            bool longForm = vr == "OB" || vr == "UN" || vr == "SQ" || vr == "UT";
            var h = new byte[longForm ? 12 : 8];
            BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(0), g);
            BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(2), e);
            h[4] = (byte)vr[0];
            h[5] = (byte)vr[1];
            if (longForm) BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(8), (uint)length);
            else BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(6), (ushort)length);
            return h;
        }

        private static byte[] ImplicitEl(ushort g, ushort e, string value)
        {
            var v = Encoding.ASCII.GetBytes(value);
            var b = new byte[8 + v.Length];
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(0), g);
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), e);
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), (uint)v.Length);
            v.CopyTo(b, 8);
            return b;
        }

        private static byte[] Item(byte[] content)
        {
            var b = new byte[8 + content.Length];
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(0), 0xFFFE);
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), 0xE000);
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), (uint)content.Length);
            content.CopyTo(b, 8);
            return b;
        }

        private static byte[] Implicit(byte[] items) => items;
    }
}
