using System;
using System.Collections.Generic;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Dicom.IO
{
    /// <summary>
    /// How a dataset is encoded: VR explicit or implicit, byte order, deflate, encapsulated pixel data. Every transfer syntax of
    /// the PS3.6 registry is known; compressed ones (JPEG, JPEG-LS, J2K, RLE, MPEG, HEVC…) are explicit VR little endian with
    /// encapsulated pixel data, which HamletPS passes through byte for byte.
    /// </summary>
    public sealed class DicomTransferSyntax
    {
        private static readonly Dictionary<string, DicomTransferSyntax> Known = new Dictionary<string, DicomTransferSyntax>(StringComparer.Ordinal);

        private DicomTransferSyntax(string uid, string name, bool explicitVR, bool bigEndian, bool deflated, bool encapsulated, bool retired, bool inRegistry)
        {
            Uid = uid; Name = name; IsExplicitVR = explicitVR; IsBigEndian = bigEndian; IsDeflated = deflated;
            IsEncapsulated = encapsulated; IsRetired = retired; IsInRegistry = inRegistry;
        }

        public string Uid { get; }

        public string Name { get; }

        public bool IsExplicitVR { get; }

        public bool IsBigEndian { get; }

        /// <summary>The dataset after the file meta group is raw-deflate compressed (RFC 1951).</summary>
        public bool IsDeflated { get; }

        /// <summary>Pixel data is a sequence of fragments (compressed or encapsulated uncompressed).</summary>
        public bool IsEncapsulated { get; }

        public bool IsRetired { get; }

        /// <summary>False for a UID that is not in the PS3.6 registry (read as explicit VR little endian, encapsulated).</summary>
        public bool IsInRegistry { get; }

        public static DicomTransferSyntax ImplicitVRLittleEndian { get; }
        public static DicomTransferSyntax ExplicitVRLittleEndian { get; }
        public static DicomTransferSyntax ExplicitVRBigEndian { get; }
        public static DicomTransferSyntax DeflatedExplicitVRLittleEndian { get; }

        static DicomTransferSyntax()
        {
            foreach (var info in DicomUids.OfType(DicomUidInfo.TransferSyntaxType))
                Known[info.Uid] = Create(info.Uid, info.Name, info.IsRetired, true);
            ImplicitVRLittleEndian = Known[DicomUids.ImplicitVRLittleEndian];
            ExplicitVRLittleEndian = Known[DicomUids.ExplicitVRLittleEndian];
            ExplicitVRBigEndian = Known[DicomUids.ExplicitVRBigEndian];
            DeflatedExplicitVRLittleEndian = Known[DicomUids.DeflatedExplicitVRLittleEndian];
        }

        private static DicomTransferSyntax Create(string uid, string name, bool retired, bool inRegistry)
        {
            switch (uid)
            {
                case DicomUids.ImplicitVRLittleEndian:
                case DicomUids.Papyrus3ImplicitVRLittleEndian:
                    return new DicomTransferSyntax(uid, name, false, false, false, false, retired, inRegistry);
                case DicomUids.ExplicitVRLittleEndian:
                case DicomUids.JPIPReferenced:
                case DicomUids.JPIPHTJ2KReferenced:
                case DicomUids.RFC2557MIMEEncapsulation:
                case DicomUids.XMLEncoding:
                    return new DicomTransferSyntax(uid, name, true, false, false, false, retired, inRegistry);
                case DicomUids.ExplicitVRBigEndian:
                    return new DicomTransferSyntax(uid, name, true, true, false, false, retired, inRegistry);
                case DicomUids.DeflatedExplicitVRLittleEndian:
                case DicomUids.JPIPReferencedDeflate:
                case DicomUids.JPIPHTJ2KReferencedDeflate:
                    return new DicomTransferSyntax(uid, name, true, false, true, false, retired, inRegistry);
                default:
                    return new DicomTransferSyntax(uid, name, true, false, false, true, retired, inRegistry);
            }
        }

        /// <summary>The transfer syntax for a UID (padding ignored); unknown UIDs give an explicit VR little endian, encapsulated syntax.</summary>
        public static DicomTransferSyntax Lookup(string uid)
        {
            if (uid == null) throw new ArgumentNullException(nameof(uid));
            uid = uid.Trim(' ', '\0');
            if (Known.TryGetValue(uid, out var ts)) return ts;
            return Create(uid, "Unknown transfer syntax", false, false);
        }

        /// <summary>Known transfer syntaxes of the registry.</summary>
        public static IEnumerable<DicomTransferSyntax> All => Known.Values;

        public override string ToString() => Name;

        public override bool Equals(object obj) => obj is DicomTransferSyntax t && t.Uid == Uid;

        public override int GetHashCode() => Uid.GetHashCode();
    }
}
