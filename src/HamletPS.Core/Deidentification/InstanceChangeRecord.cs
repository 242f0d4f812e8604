using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using HamletPS.Core.Identity;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// Everything protection changed in one SOP instance (the re-identification record kept in the vault under the new SOP
    /// Instance UID): the changes with their original elements, the original and new UIDs (the crosswalk), the new ID and how
    /// it was derived. Serialized as a small DICOM file (Explicit VR Little Endian): the index as text, the original
    /// elements as items of a sequence, one element per item, so any element (private, nested, binary) round-trips byte for byte.
    /// </summary>
    public sealed class InstanceChangeRecord
    {
        private const string Creator = "HAMLETPS REIDENTIFICATION 1";
        private static readonly DicomTag CreatorTag = new DicomTag(0x0009, 0x0010);
        private static readonly DicomTag IndexTag = new DicomTag(0x0009, 0x1001);
        private static readonly DicomTag OriginalsTag = new DicomTag(0x0009, 0x1002);
        private static readonly DicomTag NewIdTag = new DicomTag(0x0009, 0x1003);
        private static readonly DicomTag SourceTag = new DicomTag(0x0009, 0x1004);
        private static readonly DicomTag UidsTag = new DicomTag(0x0009, 0x1005);
        private static readonly DicomTag MarkerTag = new DicomTag(0x0008, 0x0016);

        public InstanceChangeRecord(string newSopInstanceUid, string newId, IdentitySource identitySource)
        {
            NewSopInstanceUid = newSopInstanceUid;
            NewId = newId;
            IdentitySource = identitySource;
        }

        public string NewSopInstanceUid { get; }

        public string NewId { get; }

        public IdentitySource IdentitySource { get; }

        public List<ElementChange> Changes { get; } = new List<ElementChange>();

        /// <summary>Original UID to new UID for every UID this instance's protection remapped (the crosswalk).</summary>
        public Dictionary<string, string> UidCrosswalk { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The record as bytes (for the vault).</summary>
        public byte[] Serialize()
        {
            var ds = new DicomDataset();
            ds.AddOrUpdate(MarkerTag, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
            ds.AddOrUpdate(CreatorTag, DicomVR.LO, Creator);
            var index = new StringBuilder();
            var seq = new DicomSequence(OriginalsTag);
            foreach (var c in Changes)
            {
                index.Append(c.Kind == ElementChangeKind.Added ? 'A' : 'O').Append('|').Append(c.InFileMeta ? 'M' : 'D').Append('|')
                     .Append(c.ItemPath).Append('|').Append(c.Tag.Value.ToString("X8", CultureInfo.InvariantCulture)).Append('\n');
                var item = new DicomDataset();
                if (c.Original != null) item.AddOrUpdate(Detach(c.Original));
                seq.Items.Add(item);
            }
            ds.AddOrUpdate(IndexTag, DicomVR.UT, Encoding.ASCII.GetBytes(Pad(index.ToString())));
            ds.AddOrUpdate(seq);
            ds.AddOrUpdate(NewIdTag, DicomVR.UT, Encoding.UTF8.GetBytes(Pad(NewId ?? "")));
            ds.AddOrUpdate(SourceTag, DicomVR.UT, Encoding.ASCII.GetBytes(Pad(IdentitySource.ToString())));
            var uids = new StringBuilder();
            foreach (var kv in UidCrosswalk) uids.Append(kv.Key).Append('=').Append(kv.Value).Append('\n');
            ds.AddOrUpdate(UidsTag, DicomVR.UT, Encoding.ASCII.GetBytes(Pad(uids.ToString())));
            using (var ms = new MemoryStream())
            {
                new DicomFile(ds).Save(ms, new DicomWriteOptions { TransferSyntax = DicomTransferSyntax.ExplicitVRLittleEndian });
                return ms.ToArray();
            }
        }

        /// <summary>Reads a record written by <see cref="Serialize"/>.</summary>
        public static InstanceChangeRecord Deserialize(string newSopInstanceUid, byte[] payload)
        {
            var file = DicomFile.Read(new MemoryStream(payload, false), "vault record", new DicomReadOptions { LargeValueThreshold = long.MaxValue });
            var ds = file.Dataset;
            if ((ds.GetString(CreatorTag) ?? "").Trim() != Creator) throw new InvalidDataException("The vault record is not a HamletPS re-identification record.");
            var sourceText = Text(ds, SourceTag);
            Enum.TryParse(sourceText, out IdentitySource source);
            var record = new InstanceChangeRecord(newSopInstanceUid, Text(ds, NewIdTag), source);
            var lines = Text(ds, IndexTag).Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries);
            var items = (ds.GetElement(OriginalsTag) as DicomSequence)?.Items;
            if (items == null || items.Count != lines.Length) throw new InvalidDataException("The vault record is inconsistent (index and originals differ).");
            for (int i = 0; i < lines.Length; i++)
            {
                var f = lines[i].Split('|');
                if (f.Length != 4) throw new InvalidDataException("The vault record index is malformed.");
                var tag = new DicomTag(uint.Parse(f[3], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                var kind = f[0] == "A" ? ElementChangeKind.Added : ElementChangeKind.Original;
                DicomElement original = kind == ElementChangeKind.Original ? items[i].GetElement(tag) : null;
                if (kind == ElementChangeKind.Original && original == null) throw new InvalidDataException("The vault record lacks an original element.");
                if (original != null) items[i].Remove(tag);
                record.Changes.Add(new ElementChange(f[2], f[1] == "M", kind, tag, original));
            }
            foreach (var line in Text(ds, UidsTag).Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = line.IndexOf('=');
                if (eq > 0) record.UidCrosswalk[line.Substring(0, eq)] = line.Substring(eq + 1);
            }
            return record;
        }

        private static string Text(DicomDataset ds, DicomTag tag)
        {
            var e = ds.GetElement(tag);
            if (e == null) return string.Empty;
            var b = e.GetBytes();
            return Encoding.UTF8.GetString(b).TrimEnd(' ', '\0');
        }

        private static string Pad(string s) => s;

        /// <summary>A copy of the element that can be added to another dataset (sequences keep their items).</summary>
        private static DicomElement Detach(DicomElement e)
        {
            if (e is DicomSequence s)
            {
                var copy = new DicomSequence(s.Tag);
                foreach (var item in s.Items) copy.Items.Add(item.Clone());
                if (s.VR == DicomVR.UN) return ReVR(copy, s);
                return copy;
            }
            if (e is DicomFragmentSequence)
            {
                var holder = new DicomDataset();
                holder.AddOrUpdate(e);
                return holder.Clone().GetElement(e.Tag);
            }
            // A plain element: same tag, VR and bytes (or the same reference to its source), without touching the original's owner.
            return e.IsReference ? new DicomElement(e.Tag, e.VR, e.Reference) : new DicomElement(e.Tag, e.VR, e.GetBytes());
        }

        private static DicomElement ReVR(DicomSequence copy, DicomSequence original)
        {
            // A UN sequence (undefined length, implicit inside) is recorded as SQ: its items are the same datasets.
            return copy;
        }
    }
}
