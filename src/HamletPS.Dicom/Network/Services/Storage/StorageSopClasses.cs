using System;
using System.Collections.Generic;
using System.Linq;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Dicom.Network
{
    /// <summary>Storage SOP class lists for the receiver, from the generated UID registry (PS3.6 Table A-1, PS3.4 Annex B.5).</summary>
    public static class StorageSopClasses
    {
        private static readonly Lazy<HashSet<string>> AllSet = new Lazy<HashSet<string>>(() =>
            new HashSet<string>(DicomUids.All.Where(u => u.IsStorageSopClass).Select(u => u.Uid), StringComparer.Ordinal));

        /// <summary>Every storage SOP class of the UID registry (retired ones included): the "accept every storage class" option.</summary>
        public static IReadOnlyCollection<string> All => AllSet.Value;

        /// <summary>True for a storage SOP class of the UID registry.</summary>
        public static bool IsStorageClass(string uid) => uid != null && AllSet.Value.Contains(uid);
    }
}
