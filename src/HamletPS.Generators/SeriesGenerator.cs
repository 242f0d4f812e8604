using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using HamletPS.Synthetic;

namespace HamletPS.Generators
{
    /// <summary>
    /// `hamlet-gen series`: generates synthetic RT studies for benchmarks and manual tests, one folder per patient
    /// (DIR/patient-0001/CT/…, RTSTRUCT/, RTPLAN/, RTDOSE/, and with --igrt CBCT/ and REG/).
    /// </summary>
    public static class SeriesGenerator
    {
        private const string Usage =
            "usage: hamlet-gen series --out DIR [--patients N] [--slices N] [--size N] [--thickness MM] [--seed N] [--ct-only] [--igrt] [--canary]";

        public static int Run(string[] args)
        {
            int patients = 1, slices = 100, size = 512;
            double thickness = 0;
            ulong seed = 1;
            string output = null;
            bool ctOnly = false, igrt = false, canary = false;
            try
            {
                for (int i = 0; i < args.Length; i++)
                {
                    string a = args[i];
                    string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException(a + " needs a value");
                    switch (a)
                    {
                        case "--out": output = Value(); break;
                        case "--patients": patients = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                        case "--slices": slices = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                        case "--size": size = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                        case "--thickness": thickness = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                        case "--seed": seed = ulong.Parse(Value(), CultureInfo.InvariantCulture); break;
                        case "--ct-only": ctOnly = true; break;
                        case "--igrt": igrt = true; break;
                        case "--canary": canary = true; break;
                        default: throw new FormatException("unknown option " + a);
                    }
                }
                if (output == null) throw new FormatException("--out is required");
                if (patients < 1 || slices < 1 || size < 8) throw new FormatException("--patients and --slices must be >= 1, --size >= 8");
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine(Usage);
                return 2;
            }
            if (thickness <= 0) thickness = slices > 400 ? 1.0 : slices > 150 ? 2.0 : 3.0;

            var options = new RtStudyOptions
            {
                Seed = seed, Slices = slices, ImageSize = size, SliceThickness = thickness,
                IncludeStructureSet = !ctOnly, IncludePlan = !ctOnly, IncludeDose = !ctOnly, IncludeImageGuidance = igrt && !ctOnly,
            };
            var watch = Stopwatch.StartNew();
            long files = 0, bytes = 0;
            var generator = new SyntheticPatientGenerator(seed);
            string root = Path.GetFullPath(output);
            for (int p = 0; p < patients; p++)
            {
                RtStudy study;
                if (canary && p == 0)
                {
                    var c = new CanaryStudy(options);
                    study = c.Write(root);
                }
                else
                {
                    study = new RtStudyBuilder(generator.Create(p), options).Write(Path.Combine(root, "patient-" + (p + 1).ToString("0000", CultureInfo.InvariantCulture)));
                }
                foreach (var f in study.Files)
                {
                    files++;
                    bytes += f.Length;
                }
            }
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "wrote {0} files, {1:0.0} MB, in {2:0.00} s below {3}",
                files, bytes / 1048576.0, watch.Elapsed.TotalSeconds, root));
            return 0;
        }
    }
}
