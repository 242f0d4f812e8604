using System;
using System.Collections.Generic;

namespace HamletPS.Dicom.Dictionary
{
    /// <summary>The PS3.6 UID registry: constants (generated) plus lookup of names and types.</summary>
    public static partial class DicomUids
    {
        /// <summary>HamletPS's Implementation Class UID (a 2.25 UUID-derived UID, fixed for the product).</summary>
        public const string ImplementationClassUid = "2.25.222862192664908985829491055593094192150";

        private static readonly Lazy<Dictionary<string, DicomUidInfo>> Table = new Lazy<Dictionary<string, DicomUidInfo>>(Build);

        /// <summary>Every registry entry.</summary>
        public static IReadOnlyCollection<DicomUidInfo> All => Table.Value.Values;

        /// <summary>The registry entry for a UID (trailing NUL/space padding ignored); null when not in the registry.</summary>
        public static DicomUidInfo Lookup(string uid)
        {
            if (string.IsNullOrEmpty(uid)) return null;
            uid = uid.TrimEnd('\0', ' ');
            return Table.Value.TryGetValue(uid, out var info) ? info : null;
        }

        /// <summary>The registry name of a UID ("CT Image Storage"), or null.</summary>
        public static string GetName(string uid) => Lookup(uid)?.Name;

        /// <summary>
        /// True for a syntactically valid UID (PS3.5 9.1): 1..64 characters, digits and dots, no empty component, no leading
        /// zero in a multi-digit component. Safe to use as a file name.
        /// </summary>
        public static bool IsValidUid(string uid)
        {
            if (string.IsNullOrEmpty(uid) || uid.Length > 64) return false;
            int componentStart = 0;
            for (int i = 0; i <= uid.Length; i++)
            {
                if (i == uid.Length || uid[i] == '.')
                {
                    int len = i - componentStart;
                    if (len == 0) return false;
                    if (len > 1 && uid[componentStart] == '0') return false;
                    componentStart = i + 1;
                }
                else if (uid[i] < '0' || uid[i] > '9') return false;
            }
            return true;
        }

        private static Dictionary<string, DicomUidInfo> Build()
        {
            var d = new Dictionary<string, DicomUidInfo>(StringComparer.Ordinal);
            foreach (var raw in RegistryRows.Split('\n'))
            {
                string line = raw.TrimEnd('\r');
                if (line.Length == 0) continue;
                var c = line.Split('|');
                d[c[0]] = new DicomUidInfo(c[0], c[1], c[2], c[3], c[4] == "Y", c[5]);
            }
            return d;
        }
    }
}
