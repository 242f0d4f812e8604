using System;
using System.Collections.Generic;
using System.Globalization;

namespace HamletPS.Dicom.Network
{
    /// <summary>Splits a P-DATA-TF body into PDV items without copying (each fragment is a segment of the PDU buffer).</summary>
    internal static class PresentationDataValueParser
    {
        public static IEnumerable<PresentationDataValue> Parse(PduParser p)
        {
            var list = new List<PresentationDataValue>(2);
            if (p.AtEnd) throw new PduFormatException(p.Offset, "P-DATA-TF PDU holds no presentation data value item");
            while (!p.AtEnd)
            {
                uint length = p.UInt32("PDV item length");
                if (length < 2 || length > (uint)(p.End - p.Position))
                    throw new PduFormatException(p.Offset - 4, "PDV item length " + length + " is outside its PDU");
                byte pcid = p.Byte("presentation context ID");
                byte mch = p.Byte("message control header");
                if ((mch & 0xFC) != 0) throw new PduFormatException(p.Offset - 1, "message control header 0x" + mch.ToString("X2", CultureInfo.InvariantCulture) + " has reserved bits set");
                int count = (int)length - 2;
                int start = p.Position;
                p.Skip(count, "PDV fragment");
                list.Add(new PresentationDataValue(pcid, (mch & 1) != 0, (mch & 2) != 0, new ArraySegment<byte>(GetArray(p), start, count)));
            }
            return list;
        }

        private static byte[] GetArray(PduParser p) => p.Array;
    }
}
