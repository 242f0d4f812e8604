using System;
using System.IO;
using System.Linq;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using Xunit;

namespace HamletPS.Dicom.Tests
{
    /// <summary>A referenced value over a transformed source is changed while the writer copies it, in chunks, at the right offsets.</summary>
    public sealed class TransformedValueSourceTests
    {
        /// <summary>Inverts the bytes whose source offset is a multiple of 3; counts the calls and the largest chunk.</summary>
        private sealed class InvertEveryThird : DicomValueTransform
        {
            public int Calls;
            public int Largest;

            public override void Apply(long sourcePosition, byte[] buffer, int offset, int count)
            {
                Calls++;
                Largest = Math.Max(Largest, count);
                for (int i = 0; i < count; i++)
                    if ((sourcePosition + i) % 3 == 0) buffer[offset + i] = (byte)~buffer[offset + i];
            }
        }

        [Fact]
        public void Save_ReferencedValueOverATransformedSource_WritesTheTransformedBytesInChunks_AndLeavesTheSourceUnchanged()
        {
            string scratch = TestPaths.NewScratch("transformed");
            var ds = WrittenFromScratchTests.BuildCtSlice();
            var pixels = new byte[3_000_000];
            new Random(7).NextBytes(pixels);
            ds.AddOrUpdate(DicomTags.PixelData, DicomVR.OW, pixels);
            string source = Path.Combine(scratch, "source.dcm");
            new DicomFile(ds).Save(source);
            byte[] sourceBytes = File.ReadAllBytes(source);

            var file = DicomFile.Open(source);
            var e = file.Dataset[DicomTags.PixelData];
            Assert.True(e.IsReference);
            var transform = new InvertEveryThird();
            var r = e.Reference;
            file.Dataset.AddOrUpdate(new DicomElement(e.Tag, e.VR, new DicomValueReference(DicomValueSource.Transformed(r.Source, transform), r.Offset, r.Length, r.SourceIsBigEndian)));
            string target = Path.Combine(scratch, "target.dcm");
            file.Save(target);

            var written = DicomFile.Read(new MemoryStream(File.ReadAllBytes(target))).Dataset.GetBytes(DicomTags.PixelData);
            var expected = pixels.Select((b, i) => (r.Offset + i) % 3 == 0 ? (byte)~b : b).ToArray();
            Assert.Equal(expected, written);
            Assert.True(transform.Calls >= 3, transform.Calls + " calls"); // streamed, not loaded whole
            Assert.True(transform.Largest <= 1 << 20, transform.Largest + " bytes in one call");
            Assert.Equal(sourceBytes, File.ReadAllBytes(source));
        }
    }
}
