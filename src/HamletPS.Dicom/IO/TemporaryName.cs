using System;
using System.Globalization;
using System.Threading;

namespace HamletPS.Dicom.IO
{
    /// <summary>
    /// The unique part of a temporary file name ("3f9c0a6e12b7d054"): 64 bits that never repeat within a process (a counter
    /// from a random start through a bijective mix) and collide across processes writing into the same folder with odds of
    /// about one in 10^11 for a million names each. Unlike Guid.NewGuid, it costs no system call per file (.NET reads the
    /// kernel's random source for every Guid).
    /// </summary>
    internal static class TemporaryName
    {
        private static readonly ulong Start = StartValue();
        private static long _counter;

        public static string Next()
        {
            ulong x = Start + (ulong)Interlocked.Increment(ref _counter);
            // splitmix64 finaliser: a bijection of 64-bit values, so distinct counters give distinct names
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            x ^= x >> 31;
            return x.ToString("x16", CultureInfo.InvariantCulture);
        }

        private static ulong StartValue()
        {
            byte[] bytes = Guid.NewGuid().ToByteArray();
            return BitConverter.ToUInt64(bytes, 0) ^ BitConverter.ToUInt64(bytes, 8);
        }
    }
}
