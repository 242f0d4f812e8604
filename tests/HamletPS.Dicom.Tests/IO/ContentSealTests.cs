using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using HamletPS.TestSupport;
using Xunit;

namespace HamletPS.Dicom.Tests
{
    /// <summary>
    /// A sealed write (DicomWriteOptions.ContentSeal) hands the seal exactly the bytes the file holds after its preamble, in order,
    /// writes the preamble the seal returns, and otherwise writes the very file an unsealed write writes: large values copied
    /// from the source (through our buffer instead of the kernel) included, in every transfer syntax we write.
    /// </summary>
    public sealed class ContentSealTests : IDisposable
    {
        private readonly TempFolder _tmp = new TempFolder("content-seal");

        public void Dispose() => _tmp.Dispose();

        /// <summary>Records what it is given and returns a recognisable preamble.</summary>
        private sealed class RecordingSeal : DicomContentSeal
        {
            public MemoryStream Seen { get; } = new MemoryStream();
            public int PreambleCalls { get; private set; }
            public byte[] Given { get; } = Enumerable.Range(0, 128).Select(i => (byte)(0xA0 ^ i)).ToArray();

            protected internal override void Append(byte[] buffer, int offset, int count)
            {
                Assert.Equal(0, PreambleCalls);
                Seen.Write(buffer, offset, count);
            }

            protected internal override byte[] Preamble()
            {
                PreambleCalls++;
                return Given;
            }
        }

        /// <summary>A CT slice whose pixel data (2 x 96 KiB, above the reader's 64 KiB threshold) stays in the source file when read back.</summary>
        private DicomFile ReadBackWithReferencedPixels(string syntax)
        {
            var ds = WrittenFromScratchTests.BuildCtSlice();
            ds.AddOrUpdate(DicomTags.Rows, 256);
            ds.AddOrUpdate(DicomTags.Columns, 384);
            var pixels = new byte[256 * 384 * 2];
            new Random(7).NextBytes(pixels);
            ds.AddOrUpdate(DicomTags.PixelData, DicomVR.OW, pixels);
            string source = _tmp.File("source-" + syntax + ".dcm");
            new DicomFile(ds, DicomTransferSyntax.Lookup(syntax)).Save(source);
            var file = DicomFile.Open(source);
            Assert.Equal(syntax == DicomUids.DeflatedExplicitVRLittleEndian, file.Dataset.GetElement(DicomTags.PixelData).Reference == null);
            return file;
        }

        public static IEnumerable<object[]> Syntaxes() => WrittenFromScratchTests.Syntaxes();

        [Theory]
        [MemberData(nameof(Syntaxes))]
        public void SealedWrite_GivesTheSealEveryByteAfterThePreamble_AndWritesItsPreamble_OverTheFileAnUnsealedWriteMakes(string syntax)
        {
            var file = ReadBackWithReferencedPixels(syntax);
            file.Preamble = Enumerable.Repeat((byte)0x55, 128).ToArray(); // a sender's preamble: never written under a seal
            string plain = _tmp.File("plain.dcm");
            file.Save(plain);
            var seal = new RecordingSeal();

            string temp = file.SaveToTemporary(_tmp.File("sealed.dcm"), new DicomWriteOptions { ContentSeal = seal });

            byte[] sealedBytes = File.ReadAllBytes(temp);
            byte[] plainBytes = File.ReadAllBytes(plain);
            Assert.Equal(1, seal.PreambleCalls);
            Assert.Equal(seal.Given, sealedBytes.Take(128).ToArray());
            Assert.Equal(sealedBytes.Skip(128).ToArray(), seal.Seen.ToArray());
            Assert.Equal(plainBytes.Skip(128).ToArray(), sealedBytes.Skip(128).ToArray());
            Assert.Equal(0x55, plainBytes[0]);
        }

        [Fact]
        public void SealedWrite_OfALargeReferencedValue_DigestsTheBytesOnDisk()
        {
            var file = ReadBackWithReferencedPixels(DicomUids.ExplicitVRLittleEndian);
            var seal = new RecordingSeal();
            string temp = file.SaveToTemporary(_tmp.File("sealed.dcm"), new DicomWriteOptions { ContentSeal = seal });
            using var sha = SHA256.Create();
            byte[] onDisk = File.ReadAllBytes(temp);
            Assert.Equal(sha.ComputeHash(onDisk, 128, onDisk.Length - 128), sha.ComputeHash(seal.Seen.ToArray()));
            Assert.True(seal.Seen.Length > 2 * 96 * 1024);
        }

        [Fact]
        public void SealedWrite_WithoutAPreambleOrToAForwardOnlyStream_IsRefused()
        {
            var file = new DicomFile(WrittenFromScratchTests.BuildCtSlice());
            Assert.Throws<InvalidOperationException>(() => file.Save(new MemoryStream(), new DicomWriteOptions { ContentSeal = new RecordingSeal(), WriteFileMetaInformation = false }));
            Assert.Throws<ArgumentException>(() => file.Save(new ForwardOnly(), new DicomWriteOptions { ContentSeal = new RecordingSeal() }));
        }

        [Fact]
        public void SealedWrite_WhoseSealGivesAWrongPreamble_FailsAndLeavesNoFile()
        {
            var file = new DicomFile(WrittenFromScratchTests.BuildCtSlice());
            string path = _tmp.File("bad.dcm");
            Assert.Throws<InvalidOperationException>(() => file.SaveToTemporary(path, new DicomWriteOptions { ContentSeal = new ShortPreambleSeal() }));
            Assert.Empty(Directory.GetFiles(_tmp.Path, "*bad*", SearchOption.AllDirectories));
        }

        private sealed class ShortPreambleSeal : DicomContentSeal
        {
            protected internal override void Append(byte[] buffer, int offset, int count) { }
            protected internal override byte[] Preamble() => new byte[16];
        }

        private sealed class ForwardOnly : MemoryStream
        {
            public override bool CanSeek => false;
        }
    }
}
