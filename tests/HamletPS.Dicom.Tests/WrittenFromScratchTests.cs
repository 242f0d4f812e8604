using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using Xunit;

namespace HamletPS.Dicom.Tests
{
    public class WrittenFromScratchTests
    {
        internal static DicomDataset BuildCtSlice()
        {
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 192");
            ds.AddOrUpdate(DicomTags.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
            ds.AddOrUpdate(DicomTags.SOPClassUID, DicomUids.CTImageStorage);
            ds.AddOrUpdate(DicomTags.SOPInstanceUID, "2.25.1234567890123");
            ds.AddOrUpdate(DicomTags.StudyDate, "20240131");
            ds.AddOrUpdate(DicomTags.Modality, "CT");
            ds.AddOrUpdate(DicomTags.PatientName, "Phantom^Jürgen");
            ds.AddOrUpdate(DicomTags.PatientID, "HAMLET-001");
            ds.AddOrUpdate(DicomTags.StudyInstanceUID, "2.25.1");
            ds.AddOrUpdate(DicomTags.SeriesInstanceUID, "2.25.11");
            var item = new DicomDataset();
            item.AddOrUpdate(DicomTags.ReferencedSOPClassUID, DicomUids.RTStructureSetStorage);
            item.AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, "2.25.99");
            ds.AddOrUpdateSequence(DicomTags.ReferencedImageSequence, item);
            var creator = ds.GetOrReservePrivateTag(0x0011, "HAMLETPS TEST", 0x01);
            ds.AddOrUpdate(creator, DicomVR.LO, "odd");
            ds.AddOrUpdate(DicomTags.ImagePositionPatient, -250.0, -250.0, 12.5);
            ds.AddOrUpdate(DicomTags.SamplesPerPixel, 1);
            ds.AddOrUpdate(DicomTags.PhotometricInterpretation, "MONOCHROME2");
            ds.AddOrUpdate(DicomTags.Rows, 4);
            ds.AddOrUpdate(DicomTags.Columns, 4);
            ds.AddOrUpdate(DicomTags.PixelSpacing, 0.5, 0.5);
            ds.AddOrUpdate(DicomTags.BitsAllocated, 16);
            ds.AddOrUpdate(DicomTags.BitsStored, 16);
            ds.AddOrUpdate(DicomTags.HighBit, 15);
            ds.AddOrUpdate(DicomTags.PixelRepresentation, 1);
            ds.AddOrUpdate(DicomTags.RescaleIntercept, "-1024");
            ds.AddOrUpdate(DicomTags.RescaleSlope, "1");
            var pixels = new short[16];
            for (int i = 0; i < 16; i++) pixels[i] = (short)(i * 100 - 800);
            var bytes = new byte[32];
            Buffer.BlockCopy(pixels, 0, bytes, 0, 32);
            ds.AddOrUpdate(DicomTags.PixelData, DicomVR.OW, bytes);
            return ds;
        }

        public static IEnumerable<object[]> Syntaxes() => new[]
        {
            new object[] { DicomUids.ExplicitVRLittleEndian },
            new object[] { DicomUids.ImplicitVRLittleEndian },
            new object[] { DicomUids.ExplicitVRBigEndian },
            new object[] { DicomUids.DeflatedExplicitVRLittleEndian },
        };

        [Theory]
        [MemberData(nameof(Syntaxes))]
        public void WrittenFile_IsReadByPydicomAndDcmdumpWithoutWarnings(string tsUid)
        {
            string scratch = TestPaths.NewScratch("scratch");
            try
            {
                string path = Path.Combine(scratch, "ct.dcm");
                new DicomFile(BuildCtSlice(), DicomTransferSyntax.Lookup(tsUid)).Save(path);

                var dump = DcmdumpOracle.Raw(path);
                Assert.Equal(0, dump.ExitCode);
                Assert.DoesNotContain("W:", dump.StdErr);
                Assert.DoesNotContain("E:", dump.StdErr);
                Assert.Contains("(0010,0010) PN [Phantom^Jürgen]", dump.StdOut);
                Assert.Contains(tsUid == DicomUids.ImplicitVRLittleEndian ? "(0011,1001) ?? 6f\\64\\64\\20" : "(0011,1001) LO [odd]", dump.StdOut);
                Assert.Contains("(0002,0013) SH [HAMLETPS_", dump.StdOut);

                var py = PydicomOracle.Dump(new[] { path }, scratch)[path];
                Assert.False(py.TryGetProperty("error", out _), py.ToString());
                Assert.Equal(tsUid, py.GetProperty("ts").GetString());
                var el = py.GetProperty("elements").EnumerateArray().ToDictionary(e => e[0].GetString(), e => e);
                Assert.Equal("'Phantom^Jürgen'", el["00100010"][2].GetString());
                Assert.Equal("[-250.0, -250.0, 12.5]".Replace(".0", ""), el["00200032"][2].GetString().Replace("'", "").Replace(".0", ""));
                Assert.Equal("'2.25.99'", el["00081140"][2][0].EnumerateArray().First(e => e[0].GetString() == "00081155")[2].GetString());
                var pixels = new byte[32];
                for (int i = 0; i < 16; i++) BitConverter.GetBytes((short)(i * 100 - 800)).CopyTo(pixels, i * 2);
                if (tsUid == DicomUids.ExplicitVRBigEndian)
                    for (int i = 0; i < 32; i += 2) (pixels[i], pixels[i + 1]) = (pixels[i + 1], pixels[i]);
                Assert.Equal("bytes:32:" + Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(pixels)).ToLowerInvariant(), el["7FE00010"][2].GetString());

                var back = DicomFile.Open(path);
                Assert.Equal(tsUid, back.TransferSyntax.Uid);
                Assert.Equal("Phantom^Jürgen", back.Dataset.GetString(DicomTags.PatientName));
                Assert.Equal(-1024, back.Dataset.GetInt(DicomTags.RescaleIntercept));
                Assert.Equal(4, back.Dataset.GetInt(DicomTags.Rows));
                Assert.Equal(-800, BitConverter.ToInt16(back.Dataset.GetBytes(DicomTags.PixelData), 0));
            }
            finally { Directory.Delete(scratch, true); }
        }

        [Fact]
        public void Save_WritesViaTemporaryNameAndReplacesAtomically()
        {
            string scratch = TestPaths.NewScratch("save");
            try
            {
                string path = Path.Combine(scratch, "a.dcm");
                File.WriteAllText(path, "old");
                var created = new DicomFile(BuildCtSlice());
                Assert.Null(created.SourceLength);
                created.Save(path);
                Assert.Single(Directory.GetFiles(scratch));
                DicomFile read = DicomFile.Open(path);
                Assert.Equal("CT", read.Dataset.GetString(DicomTags.Modality));
                Assert.Equal(new FileInfo(path).Length, read.SourceLength);
                Assert.Equal(Path.GetFullPath(path), read.SourceName);
            }
            finally { Directory.Delete(scratch, true); }
        }

        [Fact]
        public void Save_CreatesMissingFolders_AndLeavesNoTemporaryFileWhenTheFolderCannotBeMade()
        {
            string scratch = TestPaths.NewScratch("save-folders");
            try
            {
                string path = Path.Combine(scratch, "p", "s", "b.dcm");
                new DicomFile(BuildCtSlice()).Save(path);
                Assert.Equal(new[] { path }, Directory.GetFiles(scratch, "*", SearchOption.AllDirectories));
                Assert.Equal("CT", DicomFile.Open(path).Dataset.GetString(DicomTags.Modality));

                string blocker = Path.Combine(scratch, "file-not-folder");
                File.WriteAllText(blocker, "x");
                Assert.ThrowsAny<IOException>(() => new DicomFile(BuildCtSlice()).Save(Path.Combine(blocker, "c.dcm")));
                Assert.Equal(2, Directory.GetFiles(scratch, "*", SearchOption.AllDirectories).Length);
            }
            finally { Directory.Delete(scratch, true); }
        }

        [Fact]
        public void SaveToTemporary_WritesAHiddenTemporaryFileBesideTheFinalName_AndNothingUnderTheFinalName()
        {
            string scratch = TestPaths.NewScratch("save-temp");
            try
            {
                string path = Path.Combine(scratch, "new-folder", "c.dcm");
                string temp = new DicomFile(BuildCtSlice()).SaveToTemporary(path);
                Assert.Equal(Path.GetDirectoryName(path), Path.GetDirectoryName(temp));
                Assert.StartsWith(".c.dcm.", Path.GetFileName(temp));
                Assert.EndsWith(".partial", temp);
                Assert.False(File.Exists(path));
                Assert.Equal("CT", DicomFile.Open(temp).Dataset.GetString(DicomTags.Modality));
                FileRename.ReplaceOrMove(temp, path);
                Assert.Equal(new[] { path }, Directory.GetFiles(scratch, "*", SearchOption.AllDirectories));
            }
            finally { Directory.Delete(scratch, true); }
        }

        [Fact]
        public void Save_ManyThreadsIntoTheSameNewFolder_AllSucceed()
        {
            string scratch = TestPaths.NewScratch("save-race");
            try
            {
                var file = new DicomFile(BuildCtSlice());
                for (int round = 0; round < 500; round++)
                {
                    string folder = Path.Combine(scratch, "r" + round, "series");
                    System.Threading.Tasks.Parallel.For(0, 8, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 8 },
                        i => file.Save(Path.Combine(folder, i + ".dcm")));
                    Assert.Equal(8, Directory.GetFiles(folder).Length);
                }
            }
            finally { Directory.Delete(scratch, true); }
        }

        [Fact]
        public void HeaderOnlyRead_StopsBeforePixelDataAndCannotBeSaved()
        {
            var ms = new MemoryStream();
            new DicomFile(BuildCtSlice()).Save(ms);
            ms.Position = 0;
            var f = DicomFile.Read(ms, "mem", DicomReadOptions.HeaderOnly);
            Assert.False(f.IsComplete);
            Assert.False(f.Dataset.Contains(DicomTags.PixelData));
            Assert.Equal("CT", f.Dataset.GetString(DicomTags.Modality));
            Assert.Throws<InvalidOperationException>(() => f.Save(new MemoryStream()));
        }

        [Fact]
        public void LargeValues_AreReferencedAndCopiedOnSave()
        {
            string scratch = TestPaths.NewScratch("large");
            try
            {
                var ds = BuildCtSlice();
                ds.AddOrUpdate(DicomTags.Rows, 256);
                ds.AddOrUpdate(DicomTags.Columns, 256);
                var pixels = new byte[256 * 256 * 2];
                new Random(7).NextBytes(pixels);
                ds.AddOrUpdate(DicomTags.PixelData, DicomVR.OW, pixels);
                string a = Path.Combine(scratch, "a.dcm"), b = Path.Combine(scratch, "b.dcm");
                new DicomFile(ds).Save(a);
                var read = DicomFile.Open(a, new DicomReadOptions { LargeValueThreshold = 1024 });
                Assert.True(read.Dataset[DicomTags.PixelData].IsReference);
                read.Save(b, new DicomWriteOptions { TransferSyntax = DicomTransferSyntax.ExplicitVRBigEndian });
                var big = DicomFile.Open(b);
                Assert.Equal(pixels, big.Dataset.GetBytes(DicomTags.PixelData)); // swapped to BE on write, back to LE in memory
            }
            finally { Directory.Delete(scratch, true); }
        }

        [Fact]
        public void Save_CopiesEveryReferenceOfOneSource_AndRefusesWhenTheSourceChanged()
        {
            string scratch = TestPaths.NewScratch("multiref");
            try
            {
                var ds = BuildCtSlice();
                var overlay = new byte[4096];
                var pixels = new byte[8192];
                new Random(11).NextBytes(overlay);
                new Random(12).NextBytes(pixels);
                var overlayTag = new DicomTag(0x6000, 0x3000);
                ds.AddOrUpdate(overlayTag, DicomVR.OW, overlay);
                ds.AddOrUpdate(DicomTags.PixelData, DicomVR.OW, pixels);
                string a = Path.Combine(scratch, "a.dcm"), b = Path.Combine(scratch, "b.dcm"), c = Path.Combine(scratch, "c.dcm");
                new DicomFile(ds).Save(a);
                var read = DicomFile.Open(a, new DicomReadOptions { LargeValueThreshold = 1024 });
                Assert.True(read.Dataset[overlayTag].IsReference);
                Assert.True(read.Dataset[DicomTags.PixelData].IsReference);
                read.Save(b);
                Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));

                using (var fs = new FileStream(a, FileMode.Append, FileAccess.Write)) fs.Write(new byte[] { 0, 0 }, 0, 2);
                Assert.Throws<IOException>(() => read.Save(c));
                Assert.False(File.Exists(c));
                Assert.Empty(Directory.GetFiles(scratch, "*.partial"));
            }
            finally { Directory.Delete(scratch, true); }
        }
    }
}
