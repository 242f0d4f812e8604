using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace HamletPS.Dicom.Data
{
    /// <summary>In-place byte swapping of 2-, 4- and 8-byte units (little &lt;-&gt; big endian).</summary>
    internal static class ByteOrder
    {
        private const ulong EvenBytes = 0x00FF00FF00FF00FFUL;
        private const ulong LowBytesOfHalves = 0x000000FF000000FFUL;
        private const ulong SecondBytesOfHalves = 0x0000FF000000FF00UL;

        /// <summary>
        /// Swaps every whole unit of <paramref name="unit"/> bytes in b[offset..offset+count) (a trailing partial unit is left as it
        /// is). Works eight bytes at a time: the masks swap bytes within each 16- or 32-bit lane, whatever the host's byte order.
        /// </summary>
        public static void SwapInPlace(byte[] b, int offset, int count, int unit)
        {
            if (unit != 2 && unit != 4 && unit != 8) return;
            int whole = count - (count % unit);
            var words = MemoryMarshal.Cast<byte, ulong>(new Span<byte>(b, offset, whole));
            switch (unit)
            {
                case 2:
                    for (int i = 0; i < words.Length; i++)
                    {
                        ulong x = words[i];
                        words[i] = ((x & EvenBytes) << 8) | ((x >> 8) & EvenBytes);
                    }
                    break;
                case 4:
                    for (int i = 0; i < words.Length; i++)
                    {
                        ulong x = words[i];
                        words[i] = ((x & LowBytesOfHalves) << 24) | ((x & SecondBytesOfHalves) << 8)
                                 | ((x >> 8) & SecondBytesOfHalves) | ((x >> 24) & LowBytesOfHalves);
                    }
                    break;
                default:
                    for (int i = 0; i < words.Length; i++) words[i] = BinaryPrimitives.ReverseEndianness(words[i]);
                    break;
            }
            // the units after the last whole 8 bytes
            int end = offset + whole;
            for (int i = offset + words.Length * 8; i < end; i += unit)
                for (int j = 0; j < unit / 2; j++)
                {
                    byte t = b[i + j];
                    b[i + j] = b[i + unit - 1 - j];
                    b[i + unit - 1 - j] = t;
                }
        }
    }
}
