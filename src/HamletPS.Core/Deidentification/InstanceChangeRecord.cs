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
        private static readonly DicomTag DigestTag = new DicomTag(0x0009, 0x1006);
        private static readonly DicomTag PixelRuleTag = new DicomTag(0x0009, 0x1007);
        private static readonly DicomTag PixelLayoutTag = new DicomTag(0x0009, 0x1008);
        private static readonly DicomTag PixelOriginalsTag = new DicomTag(0x0009, 0x1009);
        private static readonly DicomTag MarkerTag = new DicomTag(0x0008, 0x0016);

        public InstanceChangeRecord(string newSopInstanceUid, string newId, IdentitySource identitySource)
        {
            NewSopInstanceUid = newSopInstanceUid;
            NewId = newId;
            IdentitySource = identitySource;
        }

        public string NewSopInstanceUid { get; internal set; }

        public string NewId { get; }

        public IdentitySource IdentitySource { get; }

        public List<ElementChange> Changes { get; } = new List<ElementChange>();

        /// <summary>Original UID to new UID for every UID this instance's protection remapped (the crosswalk).</summary>
        public Dictionary<string, string> UidCrosswalk { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The pixel rule that masked this instance's pixels (null when none did); written only when set.</summary>
        public string PixelRule { get; internal set; }

        /// <summary>
        /// The original bytes of the pixel regions the rule masked (deflated, bounded; or why they were not kept), for Unprotect;
        /// null when no rule masked. Written only when set, after the protected file (the capture completes as it is written).
        /// </summary>
        public Pixels.PixelOriginals PixelOriginals { get; internal set; }

        /// <summary>
        /// The digest (<see cref="Security.ProtectedFileSeal.Digest"/>, lower-case hex) of the protected file this record was
        /// written for: Unprotect applies the record only to a file with this digest. Null in records of earlier versions,
        /// which are therefore not applied.
        /// </summary>
        public string ProtectedDigest { get; set; }

        /// <summary>
        /// The record as bytes (for the vault): a Part 10 file in Explicit VR Little Endian, byte for byte what the DICOM
        /// writer makes of the dataset described above, but written straight into one buffer: the constant start (preamble,
        /// meta group, marker, creator) is made once by the writer and copied; plain original elements are written here; an
        /// original that is a sequence or encapsulated data goes through the writer.
        /// </summary>
        public byte[] Serialize()
        {
            PixelOriginals?.Finish(); // sized in: a record with kept pixels is written once, without growing
            var w = new RecordBuffer(Prefix.Length + 256 + Changes.Count * 96 + (PixelOriginals == null ? 0 : 4096 + PixelOriginals.Ranges.Count * 24 + (PixelOriginals.Deflated?.Length ?? 0)));
            w.Write(Prefix);
            int indexAt = w.BeginText(IndexTag);
            foreach (var c in Changes)
            {
                w.WriteAscii(c.Kind == ElementChangeKind.Added ? "A|" : "O|");
                w.WriteAscii(c.InFileMeta ? "M|" : "D|");
                w.WriteAscii(c.ItemPath);
                w.WriteByte((byte)'|');
                w.WriteHex8(c.Tag.Value);
                w.WriteByte((byte)'\n');
            }
            w.EndText(indexAt);
            w.WriteHeader(OriginalsTag, DicomVR.SQ, Undefined);
            foreach (var c in Changes)
            {
                var e = c.Original;
                if (e == null || e.Tag.IsGroupLength) { w.WriteItemTag(0xE000, Undefined); w.WriteItemTag(0xE00D, 0); }
                else if (e is DicomSequence || e is DicomFragmentSequence) w.Write(ItemThroughWriter(e));
                else
                {
                    w.WriteItemTag(0xE000, Undefined);
                    w.WritePlainElement(e);
                    w.WriteItemTag(0xE00D, 0);
                }
            }
            w.WriteItemTag(0xE0DD, 0);
            int at = w.BeginText(NewIdTag);
            w.WriteUtf8(NewId ?? "");
            w.EndText(at);
            at = w.BeginText(SourceTag);
            w.WriteAscii(IdentitySource.ToString());
            w.EndText(at);
            at = w.BeginText(UidsTag);
            foreach (var kv in UidCrosswalk)
            {
                w.WriteAscii(kv.Key);
                w.WriteByte((byte)'=');
                w.WriteAscii(kv.Value);
                w.WriteByte((byte)'\n');
            }
            w.EndText(at);
            if (ProtectedDigest != null)
            {
                at = w.BeginText(DigestTag);
                w.WriteAscii("sha256=" + ProtectedDigest);
                w.EndText(at);
            }
            if (PixelRule != null)
            {
                at = w.BeginText(PixelRuleTag);
                w.WriteUtf8(PixelRule);
                w.EndText(at);
            }
            if (PixelOriginals != null)
            {
                at = w.BeginText(PixelLayoutTag);
                w.WriteAscii(PixelOriginals.Layout());
                w.EndText(at);
                if (PixelOriginals.Deflated != null) w.WritePlainElement(new DicomElement(PixelOriginalsTag, DicomVR.OB, PixelOriginals.Deflated));
            }
            return w.ToArray();
        }

        private const uint Undefined = 0xFFFFFFFFu;

        /// <summary>Preamble, meta group, marker and creator: the same for every record (made once by the DICOM writer).</summary>
        private static byte[] Prefix => _prefix ?? (_prefix = BuildPrefix());
        private static byte[] _prefix;

        private static byte[] BuildPrefix()
        {
            var ds = new DicomDataset();
            ds.AddOrUpdate(MarkerTag, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
            ds.AddOrUpdate(CreatorTag, DicomVR.LO, Creator);
            using (var ms = new MemoryStream())
            {
                new DicomFile(ds).Save(ms, new DicomWriteOptions { TransferSyntax = DicomTransferSyntax.ExplicitVRLittleEndian });
                return ms.ToArray();
            }
        }

        /// <summary>One item (item tag, the element, item delimiter) holding a sequence or encapsulated original, as the writer makes it.</summary>
        private static byte[] ItemThroughWriter(DicomElement original)
        {
            var ds = new DicomDataset();
            var item = new DicomDataset();
            item.AddOrUpdate(Detach(original));
            ds.AddOrUpdate(new DicomSequence(OriginalsTag, item));
            using (var ms = new MemoryStream())
            {
                DicomWriter.WriteDataset(ms, ds, DicomTransferSyntax.ExplicitVRLittleEndian);
                // SQ header (12 bytes) ... sequence delimiter (8 bytes): the item is what lies between.
                var all = ms.GetBuffer();
                int length = (int)ms.Length - 12 - 8;
                var itemBytes = new byte[length];
                Buffer.BlockCopy(all, 12, itemBytes, 0, length);
                return itemBytes;
            }
        }

        /// <summary>Reads a record written by <see cref="Serialize"/>.</summary>
        public static InstanceChangeRecord Deserialize(string newSopInstanceUid, byte[] payload)
        {
            var file = DicomFile.Read(new MemoryStream(payload, false), "vault record", new DicomReadOptions { LargeValueThreshold = long.MaxValue });
            var ds = file.Dataset;
            if ((ds.GetString(CreatorTag) ?? "").Trim() != Creator) throw new InvalidDataException("The vault record is not a HamletPS re-identification record.");
            var sourceText = Text(ds, SourceTag);
            _ = Enum.TryParse(sourceText, out IdentitySource source); // an unreadable source reads as Lookup (the record itself is authenticated)
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
            string digest = Text(ds, DigestTag);
            if (digest.Length > 0)
            {
                if (!digest.StartsWith("sha256=", StringComparison.Ordinal) || digest.Length != 7 + 64)
                    throw new InvalidDataException("The vault record's file digest is malformed.");
                record.ProtectedDigest = digest.Substring(7);
            }
            if (ds.Contains(PixelRuleTag)) record.PixelRule = Text(ds, PixelRuleTag);
            if (ds.Contains(PixelLayoutTag)) record.PixelOriginals = Pixels.PixelOriginals.Parse(Text(ds, PixelLayoutTag), ds.GetElement(PixelOriginalsTag)?.GetBytes());
            return record;
        }

        private static string Text(DicomDataset ds, DicomTag tag)
        {
            var e = ds.GetElement(tag);
            if (e == null) return string.Empty;
            var b = e.GetBytes();
            return Encoding.UTF8.GetString(b).TrimEnd(' ', '\0');
        }

        /// <summary>A copy of the element that can be added to another dataset (sequences keep their items).</summary>
        internal static DicomElement Detach(DicomElement e)
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
