using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using HamletPS.Core.Security;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.Text;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// Applies a profile to one DICOM file in memory (the dataset at every nesting level and the file meta group) and records
    /// every original value it removed or replaced. Patient ID and Patient's Name (at any level) become the new ID; instance
    /// UIDs are remapped with <see cref="UidRemapper"/>; dates are shifted by the patient's offset with Modified Dates;
    /// Patient Identity Removed, De-identification Method (+ Code Sequence) and Longitudinal Temporal Information Modified
    /// are set. Thread-safe: one instance serves many files in parallel.
    /// </summary>
    public sealed class DicomDeidentifier
    {
        private static readonly DicomTag PatientIdentityRemoved = new DicomTag(0x0012, 0x0062);
        private static readonly DicomTag DeidentificationMethod = new DicomTag(0x0012, 0x0063);
        private static readonly DicomTag DeidentificationMethodCodeSequence = new DicomTag(0x0012, 0x0064);
        private static readonly DicomTag LongitudinalTemporalInformationModified = new DicomTag(0x0028, 0x0303);
        private static readonly DicomTag MediaStorageSOPInstanceUID = new DicomTag(0x0002, 0x0003);
        private static readonly DicomTag MediaStorageSOPClassUID = new DicomTag(0x0002, 0x0002);
        private readonly byte[] _hashKey;

        public DicomDeidentifier(DeidentificationProfile profile, UidRemapper uidRemapper, byte[] hashKey)
        {
            Rules = new ProfileRules(profile ?? throw new ArgumentNullException(nameof(profile)));
            Uids = uidRemapper ?? throw new ArgumentNullException(nameof(uidRemapper));
            if (hashKey == null || hashKey.Length < 16) throw new ArgumentException("The hash key must be at least 16 bytes.", nameof(hashKey));
            _hashKey = (byte[])hashKey.Clone();
        }

        public ProfileRules Rules { get; }

        public DeidentificationProfile Profile => Rules.Profile;

        public UidRemapper Uids { get; }

        /// <summary>True for a UID of the PS3.6 registry (never remapped).</summary>
        public static bool IsRegistryUid(string uid) => DicomUids.Lookup(uid) != null;

        /// <summary>
        /// Protects the file in place (in memory; nothing is written) and returns the record of every change, keyed by the new
        /// SOP Instance UID.
        /// </summary>
        public InstanceChangeRecord Deidentify(DicomFile file, PatientProtection patient)
        {
            if (file == null) throw new ArgumentNullException(nameof(file));
            if (patient == null) throw new ArgumentNullException(nameof(patient));
            var ctx = new Context(patient, new InstanceChangeRecord(null, patient.NewId, patient.IdentitySource));
            // The IOD of the instance: where each attribute sits decides its type, and so the alternative of a combined code.
            string sopClass = file.Dataset.GetUid(DicomTags.SOPClassUID) ?? file.FileMetaInformation.GetUid(MediaStorageSOPClassUID);
            ProcessDataset(file.Dataset, "", ctx, IodAttributeTypes.RootFor(sopClass));
            AddMethodAttributes(file.Dataset, ctx);
            ProcessFileMeta(file.FileMetaInformation, ctx);
            // Keyed by the new SOP Instance UID, known only now.
            ctx.Record.NewSopInstanceUid = file.Dataset.GetUid(DicomTags.SOPInstanceUID) ?? file.FileMetaInformation.GetUid(MediaStorageSOPInstanceUID);
            return ctx.Record;
        }

        private sealed class Context
        {
            public Context(PatientProtection patient, InstanceChangeRecord record) { Patient = patient; Record = record; }
            public PatientProtection Patient { get; }
            public InstanceChangeRecord Record { get; }
        }

        /// <param name="node">Where <paramref name="ds"/> sits in the instance's IOD (<see cref="IodAttributeTypes"/>): the IOD's
        /// root at the top level, the node of a sequence's items, or <see cref="IodAttributeTypes.NoNode"/>.</param>
        private void ProcessDataset(DicomDataset ds, string path, Context ctx, int node)
        {
            // A snapshot of the elements (the loop removes and replaces them), in a pooled array.
            int count = ds.Count;
            var elements = ArrayPool<DicomElement>.Shared.Rent(Math.Max(count, 1));
            try
            {
                int k = 0;
                foreach (var e in ds) elements[k++] = e;
                ProcessElements(ds, elements, count, path, ctx, node);
            }
            finally
            {
                Array.Clear(elements, 0, count);
                ArrayPool<DicomElement>.Shared.Return(elements);
            }
        }

        private void ProcessElements(DicomDataset ds, DicomElement[] elements, int count, string path, Context ctx, int node)
        {
            HashSet<uint> keptBlocks = null;
            List<DicomElement> creators = null;
            for (int i = 0; i < count; i++)
            {
                var e = elements[i];
                var tag = e.Tag;
                if (tag.IsGroupLength) continue;                  // dropped by the writer (PS3.5 7.2: optional)
                if (tag.Group == 0x0002 && path.Length == 0) continue; // meta elements in the dataset are not written
                if (tag.IsPrivate)
                {
                    if (tag.IsPrivateCreator) { (creators ?? (creators = new List<DicomElement>())).Add(e); continue; }
                    if (ProcessPrivate(ds, e, path, ctx)) (keptBlocks ?? (keptBlocks = new HashSet<uint>())).Add(BlockKey(tag.PrivateCreatorTag));
                    continue;
                }
                if (IsTextDeclaredAsBytes(e))
                {
                    // A text attribute sent with a VR that holds bytes (explicit VR allows OB for any tag): no text action can be
                    // applied to it. Removed where the profile removes it, emptied where it empties it; anything else (a new ID,
                    // a dummy, a cleaned, shifted or remapped value, a kept value that cannot be cleaned) fails the file closed.
                    var action = tag == DicomTags.PatientID || tag == DicomTags.PatientName ? AttributeAction.Dummy
                        : (Rules.FindOverride(tag)?.Action ?? Rules.For(tag, e.VR, IodAttributeTypes.Lookup(node, tag.Value, out _)).Action);
                    if (action == AttributeAction.Remove) { Remove(ds, e, path, ctx); continue; }
                    if (action == AttributeAction.Empty) { if (e.Length != 0) Replace(ds, e, new DicomElement(tag, e.VR, Array.Empty<byte>()), path, ctx); continue; }
                    throw UnexpectedVR(e, path);
                }
                if (tag == DicomTags.PatientID || tag == DicomTags.PatientName)
                {
                    var o = Rules.FindOverride(tag);
                    if (o == null) { SetText(ds, e, ctx.Patient.NewId, path, ctx); continue; }
                    Apply(ds, e, o.Action, o.Value, path, ctx, 0, IodAttributeTypes.NoNode);
                    continue;
                }
                int type = IodAttributeTypes.Lookup(node, tag.Value, out int items);
                var rule = Rules.For(tag, e.VR, type);
                Apply(ds, e, rule.Action, rule.Value, path, ctx, type, items);
            }
            if (creators != null)
                foreach (var c in creators)
                    if (keptBlocks == null || !keptBlocks.Contains(BlockKey(c.Tag))) Remove(ds, c, path, ctx);
        }

        private static uint BlockKey(DicomTag creatorTag) => creatorTag.Value;

        /// <summary>True when the private element was kept (its block's creator must stay).</summary>
        private bool ProcessPrivate(DicomDataset ds, DicomElement e, string path, Context ctx)
        {
            var tag = e.Tag;
            if (tag.Element < 0x1000) { Remove(ds, e, path, ctx); return false; } // (gggg,0001-000F), (gggg,0100-0FFF): not in a block
            var o = Rules.FindOverride(tag);
            if (o != null)
            {
                Apply(ds, e, o.Action, o.Value, path, ctx, 0, IodAttributeTypes.NoNode);
                return ds.Contains(tag);
            }
            string creator = ds.GetPrivateCreator(tag);
            if (creator != null && Profile.SafePrivate.Any(s => s.Matches(tag.Group, creator, (byte)(tag.Element & 0xFF))))
            {
                if (e is DicomSequence seq) ProcessItems(seq, path, ctx, IodAttributeTypes.NoNode);
                else if (IsRetainedText(e.VR)) CleanText(ds, e, path, ctx);
                return true;
            }
            Remove(ds, e, path, ctx);
            return false;
        }

        private void ProcessItems(DicomSequence seq, string path, Context ctx, int node)
        {
            if (seq.Items.Count == 0) return;
            string prefix = (path.Length == 0 ? "" : path + "/") + seq.Tag + "["; // once per sequence, not per item
            for (int i = 0; i < seq.Items.Count; i++)
                ProcessDataset(seq.Items[i], prefix + i.ToString(CultureInfo.InvariantCulture) + "]", ctx, node);
        }

        /// <param name="type">The element's type where it sits in the IOD (0: unknown).</param>
        /// <param name="items">The node of a sequence's items (<see cref="IodAttributeTypes.NoNode"/>: unknown).</param>
        private void Apply(DicomDataset ds, DicomElement e, AttributeAction action, string value, string path, Context ctx, int type, int items)
        {
            var vr = e.VR;
            var seq = e as DicomSequence;
            switch (action)
            {
                case AttributeAction.Keep:
                    if (seq != null) ProcessItems(seq, path, ctx, items);
                    else if (IsRetainedText(vr)) CleanText(ds, e, path, ctx); // a kept text value still loses the patient's own identity
                    return;
                case AttributeAction.Remove:
                    Remove(ds, e, path, ctx);
                    return;
                case AttributeAction.Empty:
                    if (seq != null)
                    {
                        if (seq.Items.Count == 0) return;
                        Replace(ds, e, new DicomSequence(e.Tag), path, ctx);
                    }
                    else if (e is DicomFragmentSequence) Remove(ds, e, path, ctx);
                    else if (e.Length != 0) Replace(ds, e, new DicomElement(e.Tag, vr, Array.Empty<byte>()), path, ctx);
                    return;
                case AttributeAction.Dummy:
                    if (vr == DicomVR.UI) { RemapUids(ds, e, path, ctx); return; }
                    if (seq != null) { Replace(ds, e, new DicomSequence(e.Tag, new DicomDataset()), path, ctx); return; }
                    if (e is DicomFragmentSequence) { Remove(ds, e, path, ctx); return; }
                    SetDummy(ds, e, path, ctx);
                    return;
                case AttributeAction.Clean:
                    if (seq != null) { ProcessItems(seq, path, ctx, items); return; }
                    if (vr == DicomVR.DA || vr == DicomVR.DT)
                    {
                        if (Rules.ModifiedDates) ShiftDates(ds, e, path, ctx);
                        else if (!Rules.FullDates) RemoveUnlessRequired(ds, e, path, ctx, type);
                        return;
                    }
                    if (vr == DicomVR.TM) { if (!Rules.ModifiedDates && !Rules.FullDates) RemoveUnlessRequired(ds, e, path, ctx, type); return; }
                    if (vr == DicomVR.UI) { RemapUids(ds, e, path, ctx); return; }
                    // Narratives (LT, UT, and ST comments: histories, comments, notes, impressions) carry third parties, places
                    // and events the residual check cannot see: removed (a dummy or empty value where the IOD requires them).
                    // Short descriptions (ST: ROI, beam, derivation descriptions) are cleaned and then proven by that check.
                    if (IsNarrative(e.Tag, vr)) { RemoveUnlessRequired(ds, e, path, ctx, type); return; }
                    if (IsRetainedText(vr)) CleanText(ds, e, path, ctx);
                    return;
                case AttributeAction.RemapUid:
                    if (seq != null) { ProcessItems(seq, path, ctx, items); return; }
                    if (vr == DicomVR.UI) RemapUids(ds, e, path, ctx);
                    else Remove(ds, e, path, ctx);
                    return;
                case AttributeAction.Replace:
                    if (seq != null || e is DicomFragmentSequence) { Remove(ds, e, path, ctx); return; }
                    try { SetText(ds, e, value ?? string.Empty, path, ctx); }
                    catch (Exception ex) when (ex is ArgumentException || ex is FormatException || ex is OverflowException || ex is ProtectionRefusedException) { Remove(ds, e, path, ctx); }
                    return;
                case AttributeAction.Hash:
                    if (seq == null && vr.IsString && vr != DicomVR.UI && !e.IsReference) HashText(ds, e, path, ctx);
                    else if (vr == DicomVR.UI) RemapUids(ds, e, path, ctx);
                    else Remove(ds, e, path, ctx);
                    return;
                case AttributeAction.ShiftDate:
                    if (vr == DicomVR.DA || vr == DicomVR.DT) ShiftDates(ds, e, path, ctx);
                    else if (vr != DicomVR.TM) Remove(ds, e, path, ctx);
                    return;
                default:
                    Remove(ds, e, path, ctx);
                    return;
            }
        }

        /// <summary>
        /// VRs whose retained values are cleaned of the patient's own identity tokens, whatever the action that kept them (table
        /// K or C, a keep override, a safe-private element): a technologist typing the MRN or the name into a station name, a
        /// label or a private note is the realistic leak. Numbers (DS, IS), dates, times, ages and UIDs are not text.
        /// </summary>
        internal static bool IsRetainedText(DicomVR vr) =>
            vr == DicomVR.LO || vr == DicomVR.SH || vr == DicomVR.ST || vr == DicomVR.LT || vr == DicomVR.UT || vr == DicomVR.UC ||
            vr == DicomVR.PN || vr == DicomVR.AE || vr == DicomVR.CS || vr == DicomVR.UR;

        /// <summary>
        /// True for free text that is a narrative rather than a description: every LT and UT, and ST comments, impressions and
        /// interpretations. Such values are removed where a Clean action applies (see docs/deidentification.md).
        /// </summary>
        internal static bool IsNarrative(DicomTag tag, DicomVR vr)
        {
            if (vr == DicomVR.LT || vr == DicomVR.UT) return true;
            if (vr != DicomVR.ST) return false;
            string keyword = DicomDictionary.Lookup(tag)?.Keyword;
            return keyword == null || keyword.EndsWith("Comments", StringComparison.Ordinal) || keyword == "Impressions" ||
                keyword == "InterpretationText";
        }

        /// <summary>Removes an element, or empties it (Type 2) or gives it a dummy (Type 1) where the IOD requires it.</summary>
        private void RemoveUnlessRequired(DicomDataset ds, DicomElement e, string path, Context ctx, int type)
        {
            if (type == 1 || type == 2) Apply(ds, e, type == 1 ? AttributeAction.Dummy : AttributeAction.Empty, null, path, ctx, type, IodAttributeTypes.NoNode);
            else Remove(ds, e, path, ctx);
        }

        private static void Record(Context ctx, string path, DicomElement original) =>
            ctx.Record.Changes.Add(new ElementChange(path, false, ElementChangeKind.Original, original.Tag, original));

        private static void Remove(DicomDataset ds, DicomElement e, string path, Context ctx)
        {
            Record(ctx, path, e);
            ds.Remove(e.Tag);
        }

        private static void Replace(DicomDataset ds, DicomElement original, DicomElement replacement, string path, Context ctx)
        {
            Record(ctx, path, original);
            ds.AddOrUpdate(replacement);
        }

        /// <summary>
        /// True for an element whose VR holds bytes (OB, OW, UN, OD, OF, OL, OV) while the data dictionary gives its tag a text VR
        /// (Patient ID, a name, a date, a UID...): a sender's explicit VR the de-identifier cannot honour a text action on.
        /// </summary>
        internal static bool IsTextDeclaredAsBytes(DicomElement e)
        {
            if (e is DicomSequence || e is DicomFragmentSequence || !IsByteVR(e.VR)) return false;
            var vrs = DicomDictionary.Lookup(e.Tag)?.ValueRepresentations;
            if (vrs == null || vrs.Count == 0) return false;
            foreach (var v in vrs) if (!v.IsString) return false;
            return true;
        }

        private static bool IsByteVR(DicomVR vr) =>
            vr == DicomVR.OB || vr == DicomVR.OW || vr == DicomVR.UN || vr == DicomVR.OD || vr == DicomVR.OF || vr == DicomVR.OL || vr == DicomVR.OV;

        /// <summary>The per-file refusal for a text action on an element whose VR cannot hold text: names the tag and the VR,
        /// never the value.</summary>
        private static ProtectionRefusedException UnexpectedVR(DicomElement e, string path)
        {
            string keyword = DicomDictionary.Lookup(e.Tag)?.Keyword;
            string where = (path.Length == 0 ? "" : path + "/") + e.Tag + (keyword != null ? " " + keyword : "");
            return new ProtectionRefusedException(UnexpectedValueRepresentationReason,
                where + " is declared with VR " + e.VR.Code + ", which cannot hold the protected text value - file not written");
        }

        private static readonly DicomTag[] IdentityTags =
        {
            DicomTags.PatientID, DicomTags.PatientName, DicomTags.AccessionNumber, DicomTags.OtherPatientIDs, DicomTags.OtherPatientNames,
            DicomTags.PatientBirthName, DicomTags.PatientMotherBirthName, DicomTags.PatientBirthDate, DicomTags.PatientAddress,
            DicomTags.PatientTelephoneNumbers,
        };

        /// <summary>
        /// Refuses a file whose patient identity attributes (the values <see cref="PatientIdentifiers"/> reads, which identity
        /// resolution and the residual check search for) are declared with a VR that holds bytes: they cannot be read as text,
        /// so the patient could be neither resolved nor proven absent from the output. Called before anything else reads them.
        /// </summary>
        public static void RefuseIdentityDeclaredAsBytes(DicomDataset ds)
        {
            if (ds == null) throw new ArgumentNullException(nameof(ds));
            foreach (var tag in IdentityTags)
            {
                var e = ds.GetElement(tag);
                if (e != null && IsTextDeclaredAsBytes(e)) throw UnexpectedVR(e, "");
            }
            foreach (var (sequence, tag) in new[] { (DicomTags.OtherPatientIDsSequence, DicomTags.PatientID), (DicomTags.RequestAttributesSequence, DicomTags.AccessionNumber) })
            {
                if (!(ds.GetElement(sequence) is DicomSequence seq)) continue;
                for (int i = 0; i < seq.Items.Count; i++)
                {
                    var e = seq.Items[i].GetElement(tag);
                    if (e != null && IsTextDeclaredAsBytes(e)) throw UnexpectedVR(e, sequence + "[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                }
            }
        }

        /// <summary>The stable reason id of a file refused because an element's VR cannot hold the value protection must set.</summary>
        public const string UnexpectedValueRepresentationReason = "UnexpectedValueRepresentation";

        private static void SetText(DicomDataset ds, DicomElement e, string text, string path, Context ctx)
        {
            if (e is DicomSequence || e is DicomFragmentSequence) { Remove(ds, e, path, ctx); return; }
            if (IsByteVR(e.VR)) throw UnexpectedVR(e, path); // never a bare ArgumentException from the setter
            byte[] bytes;
            if (e.VR.IsString)
            {
                // Encoded with the character set in force where the element lives (the dataset's own, else inherited through
                // items; cached per dataset), as DicomDataset.AddOrUpdate(tag, vr, text) would.
                var encoding = e.Tag == DicomTags.SpecificCharacterSet ? DicomTextEncoding.Default : ds.TextEncoding;
                bytes = encoding.Encode(text, e.VR.TextKind);
            }
            else
            {
                var holder = new DicomDataset();
                CopyCharacterSet(ds, holder);
                holder.AddOrUpdate(e.Tag, e.VR, text);
                bytes = holder.GetElement(e.Tag).GetBytes();
            }
            if (e.ValueEquals(bytes)) return;
            Replace(ds, e, new DicomElement(e.Tag, e.VR, bytes), path, ctx);
        }

        private static void CopyCharacterSet(DicomDataset from, DicomDataset to)
        {
            // Encode with the character set in force where the element lives (inherited through items).
            for (var d = from; d != null; d = d.Parent)
            {
                var cs = d.GetElement(DicomTags.SpecificCharacterSet);
                if (cs != null) { to.AddOrUpdate(new DicomElement(cs.Tag, cs.VR, cs.GetBytes())); return; }
            }
        }

        private static void SetDummy(DicomDataset ds, DicomElement e, string path, Context ctx)
        {
            var vr = e.VR;
            string text;
            if (vr == DicomVR.DA) text = "19000101";
            else if (vr == DicomVR.DT) text = "19000101000000";
            else if (vr == DicomVR.TM) text = "000000";
            else if (vr == DicomVR.AS) text = "000Y";
            else if (vr == DicomVR.DS || vr == DicomVR.IS) text = "0";
            else if (vr == DicomVR.UR) text = "about:blank";
            else if (vr.IsString) text = "ANONYMIZED";
            else
            {
                int unit = vr == DicomVR.AT ? 4 : Math.Max(1, vr.UnitSize);
                if (unit == 1) unit = 2;
                Replace(ds, e, new DicomElement(e.Tag, vr, new byte[unit]), path, ctx);
                return;
            }
            SetText(ds, e, text, path, ctx);
        }

        private void CleanText(DicomDataset ds, DicomElement e, string path, Context ctx)
        {
            if (e.IsReference || ctx.Patient.Identifiers.Values.Count == 0) return;
            string text = ds.GetString(e.Tag);
            if (!ctx.Patient.Identifiers.Search.ContainsAny(text)) return; // nothing to remove (the usual case)
            string cleaned = IdentityTextMatcher.RemoveAll(text, ctx.Patient.Identifiers);
            if (!ReferenceEquals(cleaned, text) && cleaned != text) SetText(ds, e, cleaned, path, ctx);
        }

        private void HashText(DicomDataset ds, DicomElement e, string path, Context ctx)
        {
            string text = ds.GetString(e.Tag) ?? string.Empty;
            if (text.Length == 0) return;
            byte[] mac;
            using (var h = new HMACSHA256(_hashKey)) mac = h.ComputeHash(Encoding.UTF8.GetBytes(text.Trim()));
            var sb = new StringBuilder(64);
            foreach (var b in mac) sb.Append(b.ToString("X2", CultureInfo.InvariantCulture));
            int max = e.VR == DicomVR.SH || e.VR == DicomVR.CS || e.VR == DicomVR.AE ? 16 : 32;
            SetText(ds, e, sb.ToString(0, max), path, ctx);
        }

        private static void ShiftDates(DicomDataset ds, DicomElement e, string path, Context ctx)
        {
            if (e.Length == 0) return;
            string text = e.GetValueText(null);
            string shifted;
            try
            {
                shifted = e.VR == DicomVR.DT ? DateShifter.ShiftDateTime(text, ctx.Patient.DateOffsetDays) : DateShifter.ShiftDate(text, ctx.Patient.DateOffsetDays);
            }
            catch (DateShiftException)
            {
                Remove(ds, e, path, ctx); // a value that is not a date cannot be shifted: fail closed
                return;
            }
            if (shifted != text) SetText(ds, e, shifted, path, ctx);
        }

        private void RemapUids(DicomDataset ds, DicomElement e, string path, Context ctx)
        {
            if (e.Length == 0) return;
            string text = e.GetValueText(null);
            if (text.IndexOf('\\') < 0)
            {
                // One UID, the usual case: no splitting and joining.
                string remapped = RemapOne(text, ctx);
                if (remapped != null) SetText(ds, e, remapped, path, ctx);
                return;
            }
            var parts = text.Split('\\');
            bool changed = false;
            for (int i = 0; i < parts.Length; i++)
            {
                string mapped = RemapOne(parts[i], ctx);
                if (mapped == null) continue;
                parts[i] = mapped;
                changed = true;
            }
            if (changed) SetText(ds, e, string.Join("\\", parts), path, ctx);
        }

        /// <summary>The new UID for one value (recorded in the crosswalk); null when it stays: empty or a registry UID.</summary>
        private string RemapOne(string value, Context ctx)
        {
            string uid = value.Trim('\0', ' ');
            if (uid.Length == 0 || IsRegistryUid(uid)) return null;
            string mapped = Uids.Remap(uid);
            ctx.Record.UidCrosswalk[uid] = mapped;
            return mapped;
        }

        private void ProcessFileMeta(DicomDataset meta, Context ctx)
        {
            foreach (var e in meta.ToArray())
            {
                uint el = e.Tag.Element;
                if (e.Tag.Group != 0x0002 || el == 0x0000 || el == 0x0001 || el == 0x0002 || el == 0x0010 || el == 0x0012 || el == 0x0013) continue;
                if (el == 0x0003 && !Rules.RetainUids)
                {
                    string mapped = RemapOne(meta.GetUid(e.Tag) ?? "", ctx);
                    if (mapped == null) continue;
                    ctx.Record.Changes.Add(new ElementChange("", true, ElementChangeKind.Original, e.Tag, e));
                    meta.AddOrUpdate(e.Tag, DicomVR.UI, mapped);
                    continue;
                }
                if (el == 0x0003) continue;
                // Source/sending/receiving AE titles, presentation addresses, private information: removed.
                ctx.Record.Changes.Add(new ElementChange("", true, ElementChangeKind.Original, e.Tag, e));
                meta.Remove(e.Tag);
            }
        }

        private void AddMethodAttributes(DicomDataset ds, Context ctx)
        {
            var m = _methodAttributes ?? (_methodAttributes = new MethodAttributes(this));
            // Fresh elements per file over shared value bytes (values are never modified in place); items are copies.
            Set(ds, ctx, new DicomElement(PatientIdentityRemoved, DicomVR.CS, m.IdentityRemoved));
            Set(ds, ctx, new DicomElement(DeidentificationMethod, DicomVR.LO, m.Method));
            var seq = new DicomSequence(DeidentificationMethodCodeSequence);
            foreach (var item in m.CodeItems) seq.Items.Add(item.Clone());
            Set(ds, ctx, seq);
            Set(ds, ctx, new DicomElement(LongitudinalTemporalInformationModified, DicomVR.CS, m.Longitudinal));
        }

        private MethodAttributes _methodAttributes;

        /// <summary>The values of the method attributes, the same for every file of this profile (built once).</summary>
        private sealed class MethodAttributes
        {
            public MethodAttributes(DicomDeidentifier owner)
            {
                var profile = owner.Profile;
                IdentityRemoved = Encoding.ASCII.GetBytes("YES ");
                var methods = new List<string> { "HamletPS " + profile.Name, "Basic Profile" };
                foreach (var o in profile.Options) methods.Add(o.ToString());
                var holder = new DicomDataset();
                holder.AddOrUpdate(DeidentificationMethod, DicomVR.LO, methods.Select(x => x.Length > 64 ? x.Substring(0, 64) : x).ToArray());
                Method = holder.GetElement(DeidentificationMethod).GetBytes();
                var items = new List<DicomDataset> { Code(DeidentificationMethodCodes.BasicProfile, DeidentificationMethodCodes.BasicProfileMeaning) };
                foreach (var o in profile.Options)
                    if (DeidentificationMethodCodes.Options.TryGetValue(o, out var c)) items.Add(Code(c.Key, c.Value));
                CodeItems = items.ToArray();
                string longitudinal = owner.Rules.ModifiedDates ? "MODIFIED" : owner.Rules.FullDates ? "UNMODIFIED" : "REMOVED";
                holder.AddOrUpdate(LongitudinalTemporalInformationModified, DicomVR.CS, longitudinal);
                Longitudinal = holder.GetElement(LongitudinalTemporalInformationModified).GetBytes();
            }

            public byte[] IdentityRemoved { get; }
            public byte[] Method { get; }
            public DicomDataset[] CodeItems { get; }
            public byte[] Longitudinal { get; }
        }

        private static DicomDataset Code(string value, string meaning)
        {
            var item = new DicomDataset();
            item.AddOrUpdate(DicomTags.CodeValue, DicomVR.SH, value);
            item.AddOrUpdate(DicomTags.CodingSchemeDesignator, DicomVR.SH, DeidentificationMethodCodes.Scheme);
            item.AddOrUpdate(DicomTags.CodeMeaning, DicomVR.LO, meaning);
            return item;
        }

        private static void Set(DicomDataset ds, Context ctx, DicomElement element)
        {
            var existing = ds.GetElement(element.Tag);
            ctx.Record.Changes.Add(existing == null
                ? new ElementChange("", false, ElementChangeKind.Added, element.Tag, null)
                : new ElementChange("", false, ElementChangeKind.Original, element.Tag, existing));
            ds.AddOrUpdate(element);
        }
    }
}
