using System;
using System.Globalization;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Dicom.Data
{
    /// <summary>A data element tag (group, element). Parse accepts "(0010,0010)", "0010,0010", "00100010" and keywords.</summary>
    public readonly struct DicomTag : IEquatable<DicomTag>, IComparable<DicomTag>, IComparable
    {
        public DicomTag(ushort group, ushort element) { Value = ((uint)group << 16) | element; }

        public DicomTag(uint value) { Value = value; }

        /// <summary>(group &lt;&lt; 16) | element.</summary>
        public uint Value { get; }

        public ushort Group => (ushort)(Value >> 16);

        public ushort Element => (ushort)Value;

        /// <summary>Odd group other than 0001, 0003, 0005, 0007 and FFFF (PS3.5 7.8).</summary>
        public bool IsPrivate
        {
            get
            {
                ushort g = Group;
                return (g & 1) == 1 && g > 0x0008 && g != 0xFFFF;
            }
        }

        /// <summary>A private creator element (gggg,0010-00FF).</summary>
        public bool IsPrivateCreator => IsPrivate && Element >= 0x0010 && Element <= 0x00FF;

        /// <summary>Group length element (gggg,0000).</summary>
        public bool IsGroupLength => Element == 0 && Group != 0xFFFE;

        /// <summary>For a private data element (gggg,xxee) with xx >= 0x10: the tag of its private creator (gggg,00xx).</summary>
        public DicomTag PrivateCreatorTag => IsPrivate && Element >= 0x1000 ? new DicomTag(Group, (ushort)(Element >> 8)) : default;

        /// <summary>The dictionary keyword, or null for private and unknown tags.</summary>
        public string? Keyword => DicomDictionary.Lookup(this)?.Keyword;

        /// <summary>The dictionary name, "Private Creator" / "Private Tag" for private ones, "Unknown Tag" otherwise.</summary>
        public string Name =>
            DicomDictionary.Lookup(this)?.Name ?? (IsPrivateCreator ? "Private Creator" : IsPrivate ? "Private Tag" : IsGroupLength ? "Group Length" : "Unknown Tag");

        public static readonly DicomTag Item = new DicomTag(0xFFFE, 0xE000);
        public static readonly DicomTag ItemDelimitationItem = new DicomTag(0xFFFE, 0xE00D);
        public static readonly DicomTag SequenceDelimitationItem = new DicomTag(0xFFFE, 0xE0DD);

        public bool Equals(DicomTag other) => Value == other.Value;

        public override bool Equals(object obj) => obj is DicomTag t && t.Value == Value;

        public override int GetHashCode() => (int)Value;

        public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

        int IComparable.CompareTo(object obj) => obj is DicomTag t ? CompareTo(t) : throw new ArgumentException("Not a DicomTag.", nameof(obj));

        public static bool operator ==(DicomTag a, DicomTag b) => a.Value == b.Value;
        public static bool operator !=(DicomTag a, DicomTag b) => a.Value != b.Value;
        public static bool operator <(DicomTag a, DicomTag b) => a.Value < b.Value;
        public static bool operator >(DicomTag a, DicomTag b) => a.Value > b.Value;
        public static bool operator <=(DicomTag a, DicomTag b) => a.Value <= b.Value;
        public static bool operator >=(DicomTag a, DicomTag b) => a.Value >= b.Value;

        /// <summary>"(gggg,eeee)" in upper-case hex.</summary>
        public override string ToString()
        {
            var c = new char[11];
            c[0] = '('; c[5] = ','; c[10] = ')';
            Hex(Group, c, 1);
            Hex(Element, c, 6);
            return new string(c);
        }

        private static void Hex(ushort v, char[] c, int at)
        {
            const string digits = "0123456789ABCDEF";
            c[at] = digits[(v >> 12) & 0xF];
            c[at + 1] = digits[(v >> 8) & 0xF];
            c[at + 2] = digits[(v >> 4) & 0xF];
            c[at + 3] = digits[v & 0xF];
        }

        /// <summary>Parses "(0010,0010)", "0010,0010", "00100010" or a dictionary keyword ("PatientName").</summary>
        public static DicomTag Parse(string text)
        {
            if (TryParse(text, out var tag)) return tag;
            throw new FormatException("Not a DICOM tag or dictionary keyword.");
        }

        public static bool TryParse(string text, out DicomTag tag)
        {
            tag = default;
            if (string.IsNullOrWhiteSpace(text)) return false;
            string s = text.Trim();
            if (s.StartsWith("(", StringComparison.Ordinal) && s.EndsWith(")", StringComparison.Ordinal)) s = s.Substring(1, s.Length - 2);
            string? hex = null;
            if (s.Length == 9 && s[4] == ',') hex = s.Substring(0, 4) + s.Substring(5, 4);
            else if (s.Length == 8) hex = s;
            if (hex != null && uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint v))
            {
                tag = new DicomTag(v);
                return true;
            }
            var entry = DicomDictionary.LookupKeyword(s);
            if (entry != null && !entry.IsRepeating)
            {
                tag = entry.Tag;
                return true;
            }
            return false;
        }
    }
}
