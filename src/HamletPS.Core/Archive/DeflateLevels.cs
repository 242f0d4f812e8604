using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.IO.Compression;
using System.Reflection;

namespace HamletPS.Core.Archive
{
    /// <summary>
    /// Maps the zip-style deflate level 0..9 onto the running .NET's DeflateStream.
    /// On .NET 9 and later (ZLibCompressionOptions exists) the level goes to the runtime's zlib (zlib-ng) unchanged, except level 1,
    /// which uses zlib level 2: zlib-ng's level 1 is its "quick" strategy, which on CT data is no faster than its level 2 and makes
    /// archives about 35% larger (bench/archive.sh), while level 2 is smaller than Info-ZIP's -1.
    /// Otherwise: 0 = store; 1..3 = CompressionLevel.Fastest; 4..6 = Optimal; 7..9 = SmallestSize where the runtime has it
    /// (.NET 6+, enum value 3), else Optimal. Detected at run time because this assembly targets netstandard2.0.
    /// </summary>
    public static class DeflateLevels
    {
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.PublicProperties)]
        private static readonly Type OptionsType = Type.GetType("System.IO.Compression.ZLibCompressionOptions, System.IO.Compression", false);
        private static readonly PropertyInfo OptionsLevel = OptionsType?.GetProperty("CompressionLevel");
        private static readonly ConstructorInfo OptionsConstructor =
            OptionsType == null ? null : typeof(DeflateStream).GetConstructor(new[] { typeof(Stream), OptionsType, typeof(bool) });

        /// <summary>True when levels reach zlib as numbers (.NET 9+): 1 becomes 2, 2..9 unchanged.</summary>
        public static bool ExactLevels => OptionsConstructor != null && OptionsLevel != null;

        /// <summary>True when the runtime's CompressionLevel has SmallestSize (value 3).</summary>
        public static bool HasSmallestSize { get; } = Enum.IsDefined(typeof(CompressionLevel), 3);

        /// <summary>Describes how a level is applied on this runtime, for logs and documentation.</summary>
        public static string Describe(int level)
        {
            Validate(level);
            if (level == 0) return "store";
            if (ExactLevels) return "zlib level " + ZlibLevel(level);
            return "CompressionLevel." + FallbackLevel(level);
        }

        /// <summary>Opens a compressing stream over <paramref name="output"/> (left open on dispose). Level must be 1..9.</summary>
        public static Stream CreateCompressor(Stream output, int level)
        {
            Validate(level);
            if (level == 0) throw new ArgumentOutOfRangeException(nameof(level), "level 0 means store; no compressor is needed");
            if (ExactLevels)
            {
                object options = Activator.CreateInstance(OptionsType);
                OptionsLevel.SetValue(options, ZlibLevel(level));
                return (Stream)OptionsConstructor.Invoke(new[] { output, options, true });
            }
            return new DeflateStream(output, FallbackLevel(level), leaveOpen: true);
        }

        private static int ZlibLevel(int level) => level == 1 ? 2 : level;

        internal static void Validate(int level)
        {
            if (level < 0 || level > 9) throw new ArgumentOutOfRangeException(nameof(level), "deflate level must be 0..9");
        }

        private static CompressionLevel FallbackLevel(int level)
        {
            if (level <= 3) return CompressionLevel.Fastest;
            if (level <= 6 || !HasSmallestSize) return CompressionLevel.Optimal;
            return (CompressionLevel)3;
        }
    }
}
