using System;
using System.Collections.Generic;
using System.IO;
using HamletPS.Synthetic;

namespace HamletPS.Generators
{
    /// <summary>
    /// `hamlet-gen sample`: writes the bundled synthetic sample (examples/data/incoming/…, examples/config.yaml,
    /// examples/mapping.csv). Deterministic: re-running changes no byte, and a test fails when the checked-in copy is stale.
    /// </summary>
    public static class SampleDataGenerator
    {
        public const string DefaultOutputFolder = "examples";

        /// <summary>Command line: sample [--out DIR]; a relative DIR is taken from the repository root.</summary>
        public static int Run(string[] args)
        {
            var options = GeneratorCommandLine.Parse(args, new Dictionary<string, string> { ["out"] = DefaultOutputFolder },
                "hamlet-gen sample [--out <examples folder>]");
            if (options == null) return 2;
            string folder = options.FullPath("out");
            string incoming = Path.Combine(folder, "data", "incoming");
            // Stale files from an older layout would survive a plain rewrite: the generated folder is replaced as a whole.
            if (Directory.Exists(incoming)) Directory.Delete(incoming, true);
            var files = SampleData.Write(folder);
            Console.WriteLine("wrote " + files.Count + " files below " + folder);
            return 0;
        }
    }
}
