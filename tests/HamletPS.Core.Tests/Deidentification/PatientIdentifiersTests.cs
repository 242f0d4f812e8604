using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using HamletPS.Core.Deidentification;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification
{
    /// <summary>FromDataset reuses its last result only when every element it reads is byte-identical.</summary>
    public class PatientIdentifiersTests
    {
        private static DicomDataset Dataset(string name, string requestAccession, string charset = null, byte[] nameBytes = null)
        {
            var ds = new DicomDataset();
            if (charset != null) ds.AddOrUpdate(new DicomElement(new DicomTag(0x0008, 0x0005), DicomVR.CS, Encoding.ASCII.GetBytes(charset)));
            ds.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, "MRN12345");
            if (nameBytes != null) ds.AddOrUpdate(new DicomElement(DicomTags.PatientName, DicomVR.PN, nameBytes));
            else ds.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, name);
            var item = new DicomDataset();
            item.AddOrUpdate(DicomTags.AccessionNumber, DicomVR.SH, requestAccession);
            ds.AddOrUpdate(new DicomSequence(DicomTags.RequestAttributesSequence, item));
            return ds;
        }

        private static string[] Values(PatientIdentifiers p) => p.Values.Select(v => v.Kind + ":" + v.Value).ToArray();

        [Fact]
        public void FromDataset_SameElements_SameValues_AnyChangedElementIsReadAgain()
        {
            var a = PatientIdentifiers.FromDataset(Dataset("DOE^JOHN", "ACC0001"));
            var b = PatientIdentifiers.FromDataset(Dataset("DOE^JOHN", "ACC0001"));
            Assert.Equal(Values(a), Values(b));

            var nested = PatientIdentifiers.FromDataset(Dataset("DOE^JOHN", "ACC0002"));
            Assert.Contains("AccessionNumber:ACC0002", Values(nested));
            Assert.DoesNotContain("AccessionNumber:ACC0001", Values(nested));

            var renamed = PatientIdentifiers.FromDataset(Dataset("ROE^JANE", "ACC0002"));
            Assert.Contains("PatientName:JANE", Values(renamed));
            Assert.DoesNotContain("PatientName:JOHN", Values(renamed));

            // Same name bytes, another character set: decoded again (Latin-1 vs UTF-8 give different text).
            var utf8Name = Encoding.UTF8.GetBytes("MÜLLER^JÖRG");
            var latin1 = PatientIdentifiers.FromDataset(Dataset(null, "ACC0002", "ISO_IR 100", utf8Name));
            var utf8 = PatientIdentifiers.FromDataset(Dataset(null, "ACC0002", "ISO_IR 192", utf8Name));
            Assert.Contains("PatientName:MÜLLER", Values(utf8));
            Assert.DoesNotContain("PatientName:MÜLLER", Values(latin1));
        }

        private static readonly HashSet<string> TextVRs = new HashSet<string> { "AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UR", "UT" };

        /// <summary>A value for every standard text element (a birth-date-like one for DA), each different from the others.</summary>
        private static void FillEveryTextElement(DicomDataset ds, string variant)
        {
            int n = 0;
            foreach (DicomDictionaryEntry e in DicomDictionary.Entries)
            {
                if (e.IsRepeating || e.VR == null || !TextVRs.Contains(e.VR.Code) || e.Tag.Group <= 0x0002) continue;
                n++;
                string value = e.VR.Code == "DA" ? (variant == "a" ? "1970" : "1980") + (1 + n % 12).ToString("00") + (1 + n % 28).ToString("00")
                    : e.VR.Code == "AS" ? "0" + (n % 90).ToString("00") + "Y" : variant.ToUpperInvariant() + "ID" + n.ToString("00000");
                ds.AddOrUpdate(new DicomElement(e.Tag, e.VR, Encoding.ASCII.GetBytes(value.Length % 2 == 1 ? value + " " : value)));
            }
        }

        /// <summary>
        /// Guards the reuse against the list of elements it compares falling behind what FromDataset reads: whichever single
        /// standard text element changes (top level, or in an item of the Other Patient IDs or Request Attributes sequence),
        /// the result equals a fresh collection of the changed dataset.
        /// </summary>
        [Fact]
        public void FromDataset_AfterAnySingleElementChanges_EqualsAFreshCollection()
        {
            DicomDataset Baseline()
            {
                var ds = new DicomDataset();
                FillEveryTextElement(ds, "a");
                foreach (DicomTag sequence in new[] { DicomTags.OtherPatientIDsSequence, DicomTags.RequestAttributesSequence })
                {
                    var item = new DicomDataset();
                    FillEveryTextElement(item, "a");
                    ds.AddOrUpdate(new DicomSequence(sequence, item));
                }
                return ds;
            }
            var variants = new DicomDataset();
            FillEveryTextElement(variants, "b");
            DicomDataset baseline = Baseline(), work = Baseline();
            int checkedChanges = 0;
            foreach (DicomTag? sequence in new DicomTag?[] { null, DicomTags.OtherPatientIDsSequence, DicomTags.RequestAttributesSequence })
            {
                DicomDataset target = sequence == null ? work : ((DicomSequence)work.GetElement(sequence.Value)).Items[0];
                foreach (DicomElement changed in variants)
                {
                    DicomElement original = target.GetElement(changed.Tag);
                    target.AddOrUpdate(new DicomElement(changed.Tag, changed.VR, changed.GetBytes()));
                    PatientIdentifiers.FromDataset(baseline);
                    string[] afterBaseline = Values(PatientIdentifiers.FromDataset(work));
                    PatientIdentifiers.FromDataset(new DicomDataset());
                    string[] fresh = Values(PatientIdentifiers.FromDataset(work));
                    Assert.True(fresh.SequenceEqual(afterBaseline), changed.Tag + (sequence == null ? "" : " in an item of " + sequence) + " is read but not compared");
                    target.AddOrUpdate(original);
                    checkedChanges++;
                }
            }
            Assert.True(checkedChanges > 3000, checkedChanges + " changes checked");
        }
    }
}
