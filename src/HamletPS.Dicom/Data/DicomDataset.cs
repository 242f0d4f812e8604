using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.Text;

namespace HamletPS.Dicom.Data
{
    /// <summary>
    /// A set of data elements kept in tag order: get/set/remove by tag or keyword, typed accessors that decode text with the
    /// dataset's Specific Character Set (inherited by sequence items), private-creator aware lookups.
    /// </summary>
    public sealed partial class DicomDataset : IEnumerable<DicomElement>
    {
        private readonly List<DicomElement> _elements;
        private DicomTextEncoding? _encoding;

        public DicomDataset() { _elements = new List<DicomElement>(); }

        internal DicomDataset(int capacity) { _elements = new List<DicomElement>(capacity); }

        /// <summary>The sequence this dataset is an item of (null for a top-level dataset).</summary>
        public DicomSequence? ParentSequence { get; internal set; }

        /// <summary>The dataset holding the sequence this item belongs to (null for a top-level dataset).</summary>
        public DicomDataset? Parent => ParentSequence?.Parent;

        public int Count => _elements.Count;

        /// <summary>The element with this tag, or null.</summary>
        public DicomElement? this[DicomTag tag] => GetElement(tag);

        /// <summary>The element with this dictionary keyword, or null.</summary>
        public DicomElement? this[string keyword] => GetElement(ResolveKeyword(keyword));

        /// <summary>The text encoding from this dataset's (0008,0005), else the parent's, else the default repertoire.</summary>
        public DicomTextEncoding TextEncoding
        {
            get
            {
                if (_encoding != null) return _encoding;
                int i = IndexOf(SpecificCharacterSetTag.Value);
                if (i >= 0)
                {
                    var e = _elements[i];
                    string raw = e.GetValueText(DicomTextEncoding.Default);
                    var terms = raw.Split('\\');
                    for (int t = 0; t < terms.Length; t++) terms[t] = terms[t].Trim();
                    _encoding = DicomTextEncoding.FromSpecificCharacterSet(terms);
                    return _encoding;
                }
                return Parent?.TextEncoding ?? DicomTextEncoding.Default;
            }
        }

        private static readonly DicomTag SpecificCharacterSetTag = new DicomTag(0x0008, 0x0005);

        // ----- element access -----

        public bool Contains(DicomTag tag) => IndexOf(tag.Value) >= 0;

        public bool Contains(string keyword) => Contains(ResolveKeyword(keyword));

        public DicomElement? GetElement(DicomTag tag)
        {
            int i = IndexOf(tag.Value);
            return i >= 0 ? _elements[i] : null;
        }

        /// <summary>Adds the element, replacing one with the same tag.</summary>
        public DicomDataset AddOrUpdate(DicomElement element)
        {
            if (element == null) throw new ArgumentNullException(nameof(element));
            element.Owner = this;
            if (element.Tag.Value == SpecificCharacterSetTag.Value) _encoding = null;
            uint key = element.Tag.Value;
            int n = _elements.Count;
            if (n == 0 || _elements[n - 1].Tag.Value < key)
            {
                _elements.Add(element);
                return this;
            }
            int i = IndexOf(key);
            if (i >= 0) _elements[i] = element;
            else _elements.Insert(~i, element);
            return this;
        }

        /// <summary>Removes the element; true when it was present.</summary>
        public bool Remove(DicomTag tag)
        {
            int i = IndexOf(tag.Value);
            if (i < 0) return false;
            if (tag.Value == SpecificCharacterSetTag.Value) _encoding = null;
            _elements.RemoveAt(i);
            return true;
        }

        public bool Remove(string keyword) => Remove(ResolveKeyword(keyword));

        /// <summary>Removes every element matching the predicate; returns how many were removed.</summary>
        public int RemoveAll(Predicate<DicomElement> match)
        {
            int n = _elements.RemoveAll(match);
            if (n > 0) _encoding = null;
            return n;
        }

        public void Clear()
        {
            _elements.Clear();
            _encoding = null;
        }

        /// <summary>The elements in tag order (a snapshot copy).</summary>
        public DicomElement[] ToArray() => _elements.ToArray();

        public List<DicomElement>.Enumerator GetEnumerator() => _elements.GetEnumerator();

        IEnumerator<DicomElement> IEnumerable<DicomElement>.GetEnumerator() => _elements.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _elements.GetEnumerator();

        /// <summary>Appends an element read from a stream: fast when tags arrive in order; a repeated tag replaces the earlier one.</summary>
        /// <summary>Adds an element read from a source; false (nothing added) when the dataset already holds one with that tag.</summary>
        internal bool AddFromReader(DicomElement element)
        {
            int n = _elements.Count;
            if (n == 0 || _elements[n - 1].Tag.Value < element.Tag.Value)
            {
                element.Owner = this;
                _elements.Add(element);
                return true;
            }
            if (IndexOf(element.Tag.Value) >= 0) return false;
            AddOrUpdate(element);
            return true;
        }

        internal List<DicomElement> Elements => _elements;

        private int IndexOf(uint key)
        {
            int lo = 0, hi = _elements.Count - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                uint v = _elements[mid].Tag.Value;
                if (v == key) return mid;
                if (v < key) lo = mid + 1;
                else hi = mid - 1;
            }
            return ~lo;
        }

        internal static DicomTag ResolveKeyword(string keyword)
        {
            if (DicomTag.TryParse(keyword, out var tag)) return tag;
            throw new ArgumentException("Unknown DICOM keyword or tag.", nameof(keyword));
        }

        /// <summary>A deep copy (in-memory values are shared byte arrays, which the API never mutates in place).</summary>
        public DicomDataset Clone()
        {
            var copy = new DicomDataset(_elements.Count);
            foreach (var e in _elements) copy.AddFromReader(CloneElement(e));
            return copy;
        }

        private static DicomElement CloneElement(DicomElement e)
        {
            switch (e)
            {
                case DicomSequence s:
                    var seq = new DicomSequence(s.Tag, s.VR);
                    foreach (var item in s.Items) seq.Items.Add(item.Clone());
                    return seq;
                case DicomFragmentSequence f:
                    var frag = new DicomFragmentSequence(f.Tag, f.VR) { OffsetTable = f.OffsetTable };
                    frag.Fragments.AddRange(f.Fragments);
                    return frag;
                default:
                    return e.Reference != null ? new DicomElement(e.Tag, e.VR, e.Reference) : new DicomElement(e.Tag, e.VR, e.Data ?? Array.Empty<byte>());
            }
        }

        // ----- dump -----

        /// <summary>Writes every element, nested items indented, like dcmdump. Prints values: for explicit inspection only.</summary>
        public void Dump(TextWriter writer) => Dump(writer, 0);

        /// <summary>The Dump output as a string.</summary>
        public string ToDumpString()
        {
            var sw = new StringWriter(CultureInfo.InvariantCulture);
            Dump(sw);
            return sw.ToString();
        }

        private void Dump(TextWriter w, int depth)
        {
            var encoding = TextEncoding;
            var sb = new StringBuilder(128);
            foreach (var e in _elements)
            {
                sb.Clear();
                sb.Append(' ', depth * 2).Append(e.Tag.ToString()).Append(' ').Append(e.VR.Code).Append(' ');
                e.AppendValueForDump(sb, encoding);
                sb.Append("  # ").Append(e.Length).Append(", ").Append(e.Keyword ?? e.Name);
                w.WriteLine(sb.ToString());
                if (e is DicomSequence seq)
                {
                    for (int i = 0; i < seq.Items.Count; i++)
                    {
                        w.WriteLine(new string(' ', depth * 2 + 2) + "(FFFE,E000) na (Item #" + (i + 1) + ")");
                        seq.Items[i].Dump(w, depth + 2);
                    }
                }
            }
        }

        public override string ToString() => "DicomDataset (" + _elements.Count + " elements)";
    }
}
