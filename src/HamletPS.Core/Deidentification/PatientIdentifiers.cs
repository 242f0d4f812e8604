using System;
using System.Collections.Generic;
using System.Linq;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// The original identifying values of a patient as found in one dataset, before protection: MRN, other patient IDs,
    /// accession number, name components (patient, other names, birth name, mother's birth name), birth date, address and
    /// telephone numbers. Used to clean descriptors and by <see cref="ResidualIdentifierScanner"/>. Holds patient data:
    /// never log it; ToString shows counts only.
    /// </summary>
    public sealed class PatientIdentifiers
    {
        /// <summary>Name parts shorter than this are not searched (too many false hits in ordinary words).</summary>
        public const int MinimumNameLength = 3;

        /// <summary>IDs, accession numbers and addresses shorter than this are not searched.</summary>
        public const int MinimumIdLength = 4;

        private readonly List<IdentifierValue> _values = new List<IdentifierValue>();

        /// <summary>An empty set (nothing to search for).</summary>
        public PatientIdentifiers() { }

        /// <summary>The original Patient ID (MRN), trimmed; may be empty.</summary>
        public string PatientId { get; private set; } = string.Empty;

        /// <summary>The original Accession Number, trimmed; may be empty.</summary>
        public string AccessionNumber { get; private set; } = string.Empty;

        /// <summary>The original Patient's Name (whole value); may be empty.</summary>
        public string PatientName { get; private set; } = string.Empty;

        /// <summary>Every value to search for, with what it is.</summary>
        public IReadOnlyList<IdentifierValue> Values => _values;

        private IReadOnlyList<IdentifierValue> _longestFirst;
        private IdentifierSearch _search;

        /// <summary>Every value searched in one pass (built once; the values do not change after <see cref="FromDataset"/>).</summary>
        internal IdentifierSearch Search => _search ?? (_search = new IdentifierSearch(_values));

        /// <summary>The values, longest first (the same order each time), computed once: cleaning removes a whole name before its parts.</summary>
        internal IReadOnlyList<IdentifierValue> ValuesLongestFirst
        {
            get
            {
                var sorted = _longestFirst;
                if (sorted != null) return sorted;
                var list = new List<IdentifierValue>(_values);
                list.Sort((a, b) => b.Value.Length.CompareTo(a.Value.Length));
                return _longestFirst = list;
            }
        }

        /// <summary>
        /// Collects the identifiers from the top level of a dataset (and the Other Patient IDs and Request Attributes
        /// sequences). The birth date is searched as YYYYMMDD, YYYY-MM-DD, YYYY/MM/DD, DD/MM/YYYY, DD.MM.YYYY, DD-MM-YYYY and
        /// MM/DD/YYYY.
        /// </summary>
        public static PatientIdentifiers FromDataset(DicomDataset ds)
        {
            if (ds == null) throw new ArgumentNullException(nameof(ds));
            // The files of one series repeat the same identifying elements: the last result of this thread is reused when
            // every element it was collected from (and the character set) has the same VR and bytes. The result is immutable.
            byte[] key = ds.ParentSequence == null ? SourceKey(ds) : null;
            var memo = _memo;
            if (key != null && memo != null && BytesEqual(memo.Key, key)) return memo.Value;
            var p = Collect(ds);
            if (key != null) _memo = new Memo(key, p);
            return p;
        }

        [ThreadStatic] private static Memo _memo;

        private sealed class Memo
        {
            public Memo(byte[] key, PatientIdentifiers value) { Key = key; Value = value; }
            public byte[] Key { get; }
            public PatientIdentifiers Value { get; }
        }

        private static readonly DicomTag SpecificCharacterSet = new DicomTag(0x0008, 0x0005);

        /// <summary>Every input of <see cref="Collect"/> as bytes (tag, VR, value); null when one is of a shape not keyed here.</summary>
        private static byte[] SourceKey(DicomDataset ds)
        {
            var b = new RecordBuffer(512);
            if (!Put(b, ds, SpecificCharacterSet) || !Put(b, ds, DicomTags.PatientID) || !Put(b, ds, DicomTags.AccessionNumber)
                || !Put(b, ds, DicomTags.OtherPatientIDs) || !Put(b, ds, DicomTags.PatientName) || !Put(b, ds, DicomTags.OtherPatientNames)
                || !Put(b, ds, DicomTags.PatientBirthName) || !Put(b, ds, DicomTags.PatientMotherBirthName) || !Put(b, ds, DicomTags.PatientBirthDate)
                || !Put(b, ds, DicomTags.PatientAddress) || !Put(b, ds, DicomTags.PatientTelephoneNumbers)
                || !PutItems(b, ds, DicomTags.OtherPatientIDsSequence, DicomTags.PatientID)
                || !PutItems(b, ds, DicomTags.RequestAttributesSequence, DicomTags.AccessionNumber))
                return null;
            return b.ToArray();
        }

        private static bool Put(RecordBuffer b, DicomDataset ds, DicomTag tag)
        {
            var e = ds.GetElement(tag);
            b.WriteUInt32(tag.Value);
            if (e == null) { b.WriteByte(0); return true; }
            if (e is DicomSequence || e is DicomFragmentSequence) return false;
            byte[] value = e.GetBytes();
            b.WriteByte(1);
            b.WriteAscii(e.VR.Code);
            b.WriteUInt32((uint)value.Length);
            b.Write(value);
            return true;
        }

        private static bool PutItems(RecordBuffer b, DicomDataset ds, DicomTag sequenceTag, DicomTag itemTag)
        {
            var e = ds.GetElement(sequenceTag);
            if (!(e is DicomSequence seq)) return Put(b, ds, sequenceTag);
            b.WriteUInt32(sequenceTag.Value);
            b.WriteByte(2);
            b.WriteUInt32((uint)seq.Items.Count);
            foreach (var item in seq.Items)
                if (!Put(b, item, SpecificCharacterSet) || !Put(b, item, itemTag)) return false;
            return true;
        }

        private static bool BytesEqual(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }

        private static PatientIdentifiers Collect(DicomDataset ds)
        {
            var p = new PatientIdentifiers
            {
                PatientId = (ds.GetString(DicomTags.PatientID) ?? string.Empty).Trim(),
                AccessionNumber = (ds.GetString(DicomTags.AccessionNumber) ?? string.Empty).Trim(),
                PatientName = (ds.GetString(DicomTags.PatientName) ?? string.Empty).Trim(),
            };
            p.AddId(p.PatientId, IdentifierKind.PatientId);
            p.AddId(p.AccessionNumber, IdentifierKind.AccessionNumber);
            foreach (var id in Strings(ds, DicomTags.OtherPatientIDs)) p.AddId(id, IdentifierKind.OtherPatientId);
            if (ds.GetElement(DicomTags.OtherPatientIDsSequence) is DicomSequence other)
                foreach (var item in other.Items) p.AddId(item.GetString(DicomTags.PatientID), IdentifierKind.OtherPatientId);
            if (ds.GetElement(DicomTags.RequestAttributesSequence) is DicomSequence requests)
                foreach (var item in requests.Items) p.AddId(item.GetString(DicomTags.AccessionNumber), IdentifierKind.AccessionNumber);
            p.AddName(ds, DicomTags.PatientName, IdentifierKind.PatientName);
            p.AddName(ds, DicomTags.OtherPatientNames, IdentifierKind.OtherPatientName);
            p.AddName(ds, DicomTags.PatientBirthName, IdentifierKind.OtherPatientName);
            p.AddName(ds, DicomTags.PatientMotherBirthName, IdentifierKind.OtherPatientName);
            string birth = (ds.GetString(DicomTags.PatientBirthDate) ?? string.Empty).Trim();
            if (birth.Length == 8 && birth.All(char.IsDigit))
            {
                p.Add(birth, IdentifierKind.BirthDate, false);
                p.Add(birth.Substring(0, 4) + "-" + birth.Substring(4, 2) + "-" + birth.Substring(6, 2), IdentifierKind.BirthDate, false);
                p.Add(birth.Substring(6, 2) + "/" + birth.Substring(4, 2) + "/" + birth.Substring(0, 4), IdentifierKind.BirthDate, false);
                p.Add(birth.Substring(6, 2) + "." + birth.Substring(4, 2) + "." + birth.Substring(0, 4), IdentifierKind.BirthDate, false);
                p.Add(birth.Substring(6, 2) + "-" + birth.Substring(4, 2) + "-" + birth.Substring(0, 4), IdentifierKind.BirthDate, false);
                p.Add(birth.Substring(4, 2) + "/" + birth.Substring(6, 2) + "/" + birth.Substring(0, 4), IdentifierKind.BirthDate, false);
                p.Add(birth.Substring(0, 4) + "/" + birth.Substring(4, 2) + "/" + birth.Substring(6, 2), IdentifierKind.BirthDate, false);
            }
            string address = (ds.GetString(DicomTags.PatientAddress) ?? string.Empty).Trim();
            if (address.Length >= MinimumIdLength)
            {
                p.Add(address, IdentifierKind.Address, false);
                foreach (var part in address.Split(new[] { ',', ';', '^', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries))
                    if (part.Trim().Length >= 5) p.Add(part.Trim(), IdentifierKind.Address, false);
            }
            foreach (var phone in Strings(ds, DicomTags.PatientTelephoneNumbers))
            {
                p.AddId(phone, IdentifierKind.Telephone);
                string digits = new string(phone.Where(char.IsDigit).ToArray());
                if (digits.Length >= 6) p.Add(digits, IdentifierKind.Telephone, false);
            }
            return p;
        }

        private static IEnumerable<string> Strings(DicomDataset ds, DicomTag tag)
        {
            try { return ds.GetStrings(tag); }
            catch (Exception) { return Array.Empty<string>(); }
        }

        private void AddName(DicomDataset ds, DicomTag tag, IdentifierKind kind)
        {
            foreach (var value in Strings(ds, tag))
            {
                var pn = new DicomPersonName(value);
                for (int g = 0; g < 3; g++)
                {
                    var c = pn.GetComponents(g);
                    for (int i = 0; i < 3; i++) // family, given, middle (prefixes and suffixes such as "Mr" are not identifying)
                    {
                        string part = c[i].Trim();
                        if (part.Length < MinimumNameLength) continue;
                        Add(part, kind, true);
                        foreach (var word in part.Split(new[] { ' ', '-', '\'' }, StringSplitOptions.RemoveEmptyEntries))
                            if (word.Length >= MinimumNameLength) Add(word, kind, true);
                    }
                }
            }
        }

        private void AddId(string value, IdentifierKind kind)
        {
            value = value?.Trim();
            if (string.IsNullOrEmpty(value) || value.Length < MinimumIdLength) return;
            Add(value, kind, false);
        }

        private void Add(string value, IdentifierKind kind, bool wordBoundary)
        {
            for (int i = 0; i < _values.Count; i++)
                if (string.Equals(_values[i].Value, value, StringComparison.OrdinalIgnoreCase)) return;
            _values.Add(new IdentifierValue(value, kind, wordBoundary));
        }

        public override string ToString() => "PatientIdentifiers (" + _values.Count + " values)";
    }

    /// <summary>What an identifying value is (error messages name this, never the value).</summary>
    public enum IdentifierKind
    {
        PatientId,
        OtherPatientId,
        AccessionNumber,
        PatientName,
        OtherPatientName,
        BirthDate,
        Address,
        Telephone,
    }

    /// <summary>One identifying value to search for.</summary>
    public sealed class IdentifierValue
    {
        public IdentifierValue(string value, IdentifierKind kind, bool wordBoundary)
        {
            Value = value;
            Kind = kind;
            WordBoundary = wordBoundary;
            if (!wordBoundary)
            {
                string compact = IdentityTextMatcher.Compact(value, null);
                Compact = compact.Length >= PatientIdentifiers.MinimumIdLength ? compact : null;
            }
        }

        /// <summary>For values matched anywhere: the value case folded and without separators (see <see cref="IdentityTextMatcher"/>),
        /// also searched in the compact form of a text; null for name parts and for values shorter than
        /// <see cref="PatientIdentifiers.MinimumIdLength"/> once compacted.</summary>
        public string Compact { get; }

        public string Value { get; }

        public IdentifierKind Kind { get; }

        /// <summary>True for name parts: matched as whole words (case-insensitive); IDs, dates and addresses match anywhere.</summary>
        public bool WordBoundary { get; }

        public override string ToString() => Kind.ToString();
    }
}
