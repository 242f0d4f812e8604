using System;

namespace HamletPS.Synthetic
{
    /// <summary>
    /// A small deterministic pseudo-random generator (SplitMix64): the same seed gives the same sequence on every platform and
    /// .NET version, which System.Random does not promise. Not for cryptography.
    /// </summary>
    public sealed class SyntheticRandom
    {
        private ulong _state;

        public SyntheticRandom(ulong seed) { _state = seed; }

        /// <summary>A generator for a named sub-stream of a seed (independent of how many values other streams drew).</summary>
        public static SyntheticRandom For(ulong seed, string stream)
        {
            ulong h = 1469598103934665603UL; // FNV-1a over the stream name
            foreach (char c in stream ?? string.Empty)
            {
                h ^= c;
                h *= 1099511628211UL;
            }
            return new SyntheticRandom(Mix(seed ^ h));
        }

        public ulong NextUInt64()
        {
            _state += 0x9E3779B97F4A7C15UL;
            return Mix(_state);
        }

        /// <summary>A value in [0, maxExclusive).</summary>
        public int Next(int maxExclusive)
        {
            if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive));
            return (int)(NextUInt64() % (ulong)maxExclusive);
        }

        /// <summary>A value in [minInclusive, maxExclusive).</summary>
        public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

        /// <summary>A value in [0, 1).</summary>
        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        /// <summary>A string of decimal digits.</summary>
        public string Digits(int count)
        {
            var c = new char[count];
            for (int i = 0; i < count; i++) c[i] = (char)('0' + Next(10));
            return new string(c);
        }

        public T Pick<T>(T[] items) => items[Next(items.Length)];

        internal static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
