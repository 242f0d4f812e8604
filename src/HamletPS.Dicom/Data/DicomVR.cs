using System;
using System.Diagnostics.CodeAnalysis;
using HamletPS.Dicom.Text;

namespace HamletPS.Dicom.Data
{
    /// <summary>
    /// A DICOM value representation (PS3.5 6.2). Instances are singletons: compare with == or ReferenceEquals.
    /// </summary>
    public sealed class DicomVR
    {
        private static readonly DicomVR?[] ByIndex = new DicomVR?[26 * 26];

        private DicomVR(string code, bool longHeader, byte padding, bool isString, int unitSize, DicomTextKind textKind, bool multiValued)
        {
            Code = code;
            HasLongExplicitHeader = longHeader;
            PaddingByte = padding;
            IsString = isString;
            UnitSize = unitSize;
            TextKind = textKind;
            IsMultiValuedString = multiValued;
            Key = (ushort)((code[0] << 8) | code[1]);
        }

        /// <summary>The two-letter code, e.g. "PN".</summary>
        public string Code { get; }

        /// <summary>True when the explicit VR header is VR + 2 reserved bytes + 32-bit length (OB, OW, SQ, UN, UT, …); false for the 16-bit length header.</summary>
        public bool HasLongExplicitHeader { get; }

        /// <summary>Byte used to pad odd-length values: space for text, NUL for UI and binary values.</summary>
        public byte PaddingByte { get; }

        /// <summary>True for character string VRs (AE AS CS DA DS DT IS LO LT PN SH ST TM UC UI UR UT).</summary>
        public bool IsString { get; }

        /// <summary>True for string VRs whose values may be separated by backslashes (all strings except LT, ST, UT, UR).</summary>
        public bool IsMultiValuedString { get; }

        /// <summary>Size in bytes of one binary number (2 for US/SS/OW, 4 for UL/SL/FL/OF/OL/AT, 8 for FD/OD/SV/UV/OV), 1 for byte data and strings.</summary>
        public int UnitSize { get; }

        /// <summary>How text of this VR is decoded (only meaningful when IsString).</summary>
        public DicomTextKind TextKind { get; }

        /// <summary>Two ASCII bytes packed big-endian-wise: (first << 8) | second.</summary>
        internal ushort Key { get; }

        /// <summary>True when values must be byte-swapped between little and big endian (binary numbers wider than one byte).</summary>
        public bool IsSwappedByEndianness => !IsString && UnitSize > 1;

        public override string ToString() => Code;

        private static DicomVR S(string code, bool longHeader, DicomTextKind kind, bool multi, byte pad = (byte)' ') =>
            Register(new DicomVR(code, longHeader, pad, true, 1, kind, multi));

        private static DicomVR B(string code, bool longHeader, int unit) =>
            Register(new DicomVR(code, longHeader, 0, false, unit, DicomTextKind.Code, false));

        private static DicomVR Register(DicomVR vr)
        {
            ByIndex[(vr.Code[0] - 'A') * 26 + (vr.Code[1] - 'A')] = vr;
            return vr;
        }

        public static readonly DicomVR AE = S("AE", false, DicomTextKind.Code, true);
        public static readonly DicomVR AS = S("AS", false, DicomTextKind.Code, true);
        public static readonly DicomVR AT = B("AT", false, 2); // pairs of 16-bit numbers
        public static readonly DicomVR CS = S("CS", false, DicomTextKind.Code, true);
        public static readonly DicomVR DA = S("DA", false, DicomTextKind.Code, true);
        public static readonly DicomVR DS = S("DS", false, DicomTextKind.Code, true);
        public static readonly DicomVR DT = S("DT", false, DicomTextKind.Code, true);
        public static readonly DicomVR FL = B("FL", false, 4);
        public static readonly DicomVR FD = B("FD", false, 8);
        public static readonly DicomVR IS = S("IS", false, DicomTextKind.Code, true);
        public static readonly DicomVR LO = S("LO", false, DicomTextKind.Text, true);
        public static readonly DicomVR LT = S("LT", false, DicomTextKind.Text, false);
        public static readonly DicomVR OB = B("OB", true, 1);
        public static readonly DicomVR OD = B("OD", true, 8);
        public static readonly DicomVR OF = B("OF", true, 4);
        public static readonly DicomVR OL = B("OL", true, 4);
        public static readonly DicomVR OV = B("OV", true, 8);
        public static readonly DicomVR OW = B("OW", true, 2);
        public static readonly DicomVR PN = S("PN", false, DicomTextKind.PersonName, true);
        public static readonly DicomVR SH = S("SH", false, DicomTextKind.Text, true);
        public static readonly DicomVR SL = B("SL", false, 4);
        public static readonly DicomVR SQ = B("SQ", true, 1);
        public static readonly DicomVR SS = B("SS", false, 2);
        public static readonly DicomVR ST = S("ST", false, DicomTextKind.Text, false);
        public static readonly DicomVR SV = B("SV", true, 8);
        public static readonly DicomVR TM = S("TM", false, DicomTextKind.Code, true);
        public static readonly DicomVR UC = S("UC", true, DicomTextKind.Text, true);
        public static readonly DicomVR UI = S("UI", false, DicomTextKind.Code, true, 0);
        public static readonly DicomVR UL = B("UL", false, 4);
        public static readonly DicomVR UN = B("UN", true, 1);
        public static readonly DicomVR UR = S("UR", true, DicomTextKind.Code, false);
        public static readonly DicomVR US = B("US", false, 2);
        public static readonly DicomVR UT = S("UT", true, DicomTextKind.Text, false);
        public static readonly DicomVR UV = B("UV", true, 8);

        /// <summary>Looks a VR up by its two ASCII bytes; false for anything that is not one of the 34 VRs.</summary>
        public static bool TryGet(byte first, byte second, [NotNullWhen(true)] out DicomVR? vr)
        {
            int a = first - 'A', b = second - 'A';
            if ((uint)a < 26 && (uint)b < 26) { vr = ByIndex[a * 26 + b]; return vr != null; }
            vr = null;
            return false;
        }

        /// <summary>Looks a VR up by its code ("PN"); null when unknown.</summary>
        public static DicomVR? Get(string code)
        {
            if (code == null || code.Length != 2) return null;
            return TryGet((byte)code[0], (byte)code[1], out var vr) ? vr : null;
        }

        /// <summary>Like Get but throws ArgumentException for an unknown code.</summary>
        public static DicomVR Parse(string code) =>
            Get(code) ?? throw new ArgumentException("Unknown value representation code.", nameof(code));
    }
}
