using System.Collections.Generic;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Dicom.Network
{
    /// <summary>The transfer syntaxes a receiver accepts, in its order of preference (first match wins per context).</summary>
    public static class TransferSyntaxPreference
    {
        /// <summary>Every uncompressed transfer syntax, then Deflated.</summary>
        public static IReadOnlyList<string> Uncompressed { get; } = new[]
        {
            DicomUids.ExplicitVRLittleEndian,
            DicomUids.ImplicitVRLittleEndian,
            DicomUids.EncapsulatedUncompressedExplicitVRLittleEndian,
            DicomUids.ExplicitVRBigEndian,
            DicomUids.DeflatedExplicitVRLittleEndian,
        };

        /// <summary>Compressed transfer syntaxes: accepted and stored exactly as received (never decoded here).</summary>
        public static IReadOnlyList<string> Compressed { get; } = new[]
        {
            "1.2.840.10008.1.2.4.70",   // JPEG Lossless SV1
            "1.2.840.10008.1.2.4.57",   // JPEG Lossless
            "1.2.840.10008.1.2.4.80",   // JPEG-LS Lossless
            "1.2.840.10008.1.2.4.90",   // JPEG 2000 Lossless
            "1.2.840.10008.1.2.4.201",  // HTJ2K Lossless
            "1.2.840.10008.1.2.4.202",  // HTJ2K RPCL Lossless
            "1.2.840.10008.1.2.5",      // RLE Lossless
            "1.2.840.10008.1.2.4.110",  // JPEG XL Lossless
            "1.2.840.10008.1.2.8.1",    // Deflated Image Frame Compression
            "1.2.840.10008.1.2.4.50",   // JPEG Baseline
            "1.2.840.10008.1.2.4.51",   // JPEG Extended
            "1.2.840.10008.1.2.4.81",   // JPEG-LS Near-Lossless
            "1.2.840.10008.1.2.4.91",   // JPEG 2000
            "1.2.840.10008.1.2.4.92",   // JPEG 2000 Part 2 Lossless
            "1.2.840.10008.1.2.4.93",   // JPEG 2000 Part 2
            "1.2.840.10008.1.2.4.203",  // HTJ2K
            "1.2.840.10008.1.2.4.111",  // JPEG XL JPEG Recompression
            "1.2.840.10008.1.2.4.112",  // JPEG XL
            "1.2.840.10008.1.2.4.100", "1.2.840.10008.1.2.4.100.1", "1.2.840.10008.1.2.4.101", "1.2.840.10008.1.2.4.101.1",
            "1.2.840.10008.1.2.4.102", "1.2.840.10008.1.2.4.102.1", "1.2.840.10008.1.2.4.103", "1.2.840.10008.1.2.4.103.1",
            "1.2.840.10008.1.2.4.104", "1.2.840.10008.1.2.4.104.1", "1.2.840.10008.1.2.4.105", "1.2.840.10008.1.2.4.105.1",
            "1.2.840.10008.1.2.4.106", "1.2.840.10008.1.2.4.106.1", "1.2.840.10008.1.2.4.107", "1.2.840.10008.1.2.4.108",
        };

        /// <summary>The receiver default: uncompressed and Deflated first, then the compressed ones.</summary>
        public static IReadOnlyList<string> Default { get; } = Concat(Uncompressed, Compressed);

        private static IReadOnlyList<string> Concat(IReadOnlyList<string> a, IReadOnlyList<string> b)
        {
            var list = new List<string>(a);
            list.AddRange(b);
            return list;
        }
    }
}
