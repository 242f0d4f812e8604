using System;

namespace HamletPS.Dicom.Data
{
    /// <summary>
    /// A PN value split into its component groups (alphabetic = ideographic = phonetic) and the five '^' components of each
    /// (family, given, middle, prefix, suffix).
    /// </summary>
    public sealed class DicomPersonName
    {
        private readonly string[][] _components;

        public DicomPersonName(string value)
        {
            Value = value ?? string.Empty;
            var groups = Value.Split('=');
            _components = new string[3][];
            for (int g = 0; g < 3; g++)
            {
                var parts = g < groups.Length ? groups[g].Split('^') : Array.Empty<string>();
                var c = new string[5];
                for (int i = 0; i < 5; i++) c[i] = i < parts.Length ? parts[i].Trim() : string.Empty;
                _components[g] = c;
            }
            Alphabetic = groups.Length > 0 ? groups[0] : string.Empty;
            Ideographic = groups.Length > 1 ? groups[1] : string.Empty;
            Phonetic = groups.Length > 2 ? groups[2] : string.Empty;
        }

        /// <summary>Builds a name from components of the alphabetic group (trailing empty components dropped).</summary>
        public static DicomPersonName FromComponents(string family, string? given = null, string? middle = null, string? prefix = null, string? suffix = null)
        {
            var parts = new[] { family ?? "", given ?? "", middle ?? "", prefix ?? "", suffix ?? "" };
            int n = parts.Length;
            while (n > 1 && parts[n - 1].Length == 0) n--;
            return new DicomPersonName(string.Join("^", parts, 0, n));
        }

        /// <summary>The whole value as decoded.</summary>
        public string Value { get; }

        public string Alphabetic { get; }

        public string Ideographic { get; }

        public string Phonetic { get; }

        public string FamilyName => _components[0][0];

        public string GivenName => _components[0][1];

        public string MiddleName => _components[0][2];

        public string NamePrefix => _components[0][3];

        public string NameSuffix => _components[0][4];

        /// <summary>The five components of a group: 0 alphabetic, 1 ideographic, 2 phonetic.</summary>
        public string[] GetComponents(int group)
        {
            if (group < 0 || group > 2) throw new ArgumentOutOfRangeException(nameof(group));
            return (string[])_components[group].Clone();
        }

        public override string ToString() => Value;
    }
}
