using System;
using System.Linq;

namespace HamletPS.Generators
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            string command = args.Length > 0 ? args[0] : string.Empty;
            string[] rest = args.Skip(1).ToArray();
            switch (command)
            {
                case "profile":
                    return ProfileTableGenerator.Run(rest);
                case "charsets":
                    return CharacterSetTableGenerator.Run(rest);
                case "help":
                    return Help.HelpGenerator.Run(rest);
                case "sample":
                    return SampleDataGenerator.Run(rest);
                case "series":
                    return SeriesGenerator.Run(rest);
                case "cine":
                    return CineGenerator.Run(rest);
                case "dictionary":
                    return DictionaryGenerator.Run(rest);
                case "iod-types":
                    return IodTypesGenerator.Run(rest);
                default:
                    Console.Error.WriteLine("usage: hamlet-gen <generator> [options]");
                    Console.Error.WriteLine("  dictionary [--standard DIR] [--out DIR] PS3.6 data dictionary + UID registry -> src/HamletPS.Dicom/Dictionary/Generated");
                    Console.Error.WriteLine("  profile [--standard DIR] [--out DIR]   PS3.15 Table E.1-1 -> src/HamletPS.Core/Deidentification/Generated");
                    Console.Error.WriteLine("  iod-types [--part3 FILE] [--map FILE] [--out DIR]   PS3.3 module tables (Data/) -> per-IOD attribute types in src/HamletPS.Core/Deidentification/Generated");
                    Console.Error.WriteLine("  charsets [--charmaps DIR] [--out DIR]  glibc charmaps -> src/HamletPS.Dicom/Text/Generated");
                    Console.Error.WriteLine("  help [--docs DIR] [--about FILE] --out DIR   docs/cmdlets/*.md -> HamletPS.dll-Help.xml, about_*.help.txt");
                    Console.Error.WriteLine("  sample [--out DIR]                      synthetic sample study -> examples/ (data/incoming, config.yaml, mapping.csv)");
                    Console.Error.WriteLine("  series --out DIR [--patients N] [--slices N] [--size N] [--ct-only] [--igrt] [--canary]   synthetic RT studies for benchmarks");
                    Console.Error.WriteLine("  cine --out FILE [--frames N] [--rows N] [--columns N] [--samples 1|3]   synthetic US cine with canary text, for bench/pixel-mask.sh");
                    return 2;
            }
        }
    }
}
