using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Identity;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.IO;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification
{
    /// <summary>
    /// The vault record's bytes: <see cref="InstanceChangeRecord.Serialize"/> writes straight into a buffer; its output must be
    /// byte for byte the DICOM file the writer makes of the record dataset (the format readers and older vaults rely on).
    /// </summary>
    public class InstanceChangeRecordTests
    {
        [Fact]
        public void Serialize_IsByteForByteTheDicomWritersFile_ForEveryRecordOfThePydicomCorpus()
        {
            _ = DeidTestSupport.PydicomTestFiles;   // skipped, visibly, when pydicom's corpus is not installed
            using var keys = DeidTestSupport.Keys();
            var o = DeidTestSupport.Options(keys, DeidTestSupport.NewScratch("record-bytes"), null);
            var deid = new DicomDeidentifier(o.Profile, o.Uids, o.HashKey);
            int compared = 0, withSequences = 0;
            foreach (var path in Directory.EnumerateFiles(DeidTestSupport.PydicomTestFiles, "*.dcm", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                DicomFile file;
                try { file = DicomFile.Open(path); } catch (Exception) { continue; }
                var ids = PatientIdentifiers.FromDataset(file.Dataset);
                InstanceChangeRecord record;
                try { record = deid.Deidentify(file, new PatientProtection("PSEUDO_0001", IdentitySource.Pseudonymised, -100, ids)); }
                catch (Exception) { continue; }
                var expected = WriterBytes(record);
                var actual = record.Serialize();
                Assert.True(expected.SequenceEqual(actual), Path.GetFileName(path) + ": record bytes differ from the DICOM writer's");
                var back = InstanceChangeRecord.Deserialize(record.NewSopInstanceUid ?? "x", actual);
                Assert.Equal(record.Changes.Count, back.Changes.Count);
                compared++;
                if (record.Changes.Any(c => c.Original is DicomSequence)) withSequences++;
            }
            Assert.True(compared > 50, compared + " files compared");
            Assert.True(withSequences > 0, "no record held a removed sequence");
        }

        [Fact]
        public void Serialize_OddLengthsNonAsciiIdsAndEmptyRecords_MatchTheWriter()
        {
            var empty = new InstanceChangeRecord(null, "", IdentitySource.Lookup);
            Assert.Equal(WriterBytes(empty), empty.Serialize());
            var r = new InstanceChangeRecord("1.2.3", "ÉTUDE_Ωmega", IdentitySource.Pseudonymised);
            r.Changes.Add(new ElementChange("", false, ElementChangeKind.Original, new DicomTag(0x0010, 0x0010), new DicomElement(new DicomTag(0x0010, 0x0010), DicomVR.PN, Encoding.ASCII.GetBytes("ODD^NAM"))));
            r.Changes.Add(new ElementChange("(0008,1115)[0]", false, ElementChangeKind.Original, new DicomTag(0x0009, 0x1010), new DicomElement(new DicomTag(0x0009, 0x1010), DicomVR.OB, new byte[70001])));
            r.Changes.Add(new ElementChange("", true, ElementChangeKind.Original, new DicomTag(0x0002, 0x0016), new DicomElement(new DicomTag(0x0002, 0x0016), DicomVR.AE, Encoding.ASCII.GetBytes("SCU"))));
            r.Changes.Add(new ElementChange("", false, ElementChangeKind.Added, new DicomTag(0x0012, 0x0062), null));
            r.UidCrosswalk["1.2.840.1"] = "2.25.1";
            r.UidCrosswalk["1.2.840.2"] = "2.25.22";
            Assert.Equal(WriterBytes(r), r.Serialize());
            var back = InstanceChangeRecord.Deserialize("1.2.3", r.Serialize());
            Assert.Equal("ÉTUDE_Ωmega", back.NewId);
            Assert.Equal(4, back.Changes.Count);
            Assert.Equal(70002, back.Changes[1].Original.GetBytes().Length); // odd values are padded (DICOM), as before
        }

        /// <summary>The record as the DICOM writer writes it (the format's definition: the dataset saved as a Part 10 file).</summary>
        private static byte[] WriterBytes(InstanceChangeRecord r)
        {
            var ds = new DicomDataset();
            ds.AddOrUpdate(new DicomTag(0x0008, 0x0016), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
            ds.AddOrUpdate(new DicomTag(0x0009, 0x0010), DicomVR.LO, "HAMLETPS REIDENTIFICATION 1");
            var index = new StringBuilder();
            var seq = new DicomSequence(new DicomTag(0x0009, 0x1002));
            foreach (var c in r.Changes)
            {
                index.Append(c.Kind == ElementChangeKind.Added ? 'A' : 'O').Append('|').Append(c.InFileMeta ? 'M' : 'D').Append('|')
                     .Append(c.ItemPath).Append('|').Append(c.Tag.Value.ToString("X8", CultureInfo.InvariantCulture)).Append('\n');
                var item = new DicomDataset();
                if (c.Original != null) item.AddOrUpdate(InstanceChangeRecord.Detach(c.Original));
                seq.Items.Add(item);
            }
            ds.AddOrUpdate(new DicomTag(0x0009, 0x1001), DicomVR.UT, Encoding.ASCII.GetBytes(index.ToString()));
            ds.AddOrUpdate(seq);
            ds.AddOrUpdate(new DicomTag(0x0009, 0x1003), DicomVR.UT, Encoding.UTF8.GetBytes(r.NewId ?? ""));
            ds.AddOrUpdate(new DicomTag(0x0009, 0x1004), DicomVR.UT, Encoding.ASCII.GetBytes(r.IdentitySource.ToString()));
            var uids = new StringBuilder();
            foreach (var kv in r.UidCrosswalk) uids.Append(kv.Key).Append('=').Append(kv.Value).Append('\n');
            ds.AddOrUpdate(new DicomTag(0x0009, 0x1005), DicomVR.UT, Encoding.ASCII.GetBytes(uids.ToString()));
            using var ms = new MemoryStream();
            new DicomFile(ds).Save(ms, new DicomWriteOptions { TransferSyntax = DicomTransferSyntax.ExplicitVRLittleEndian });
            return ms.ToArray();
        }
    }
}
