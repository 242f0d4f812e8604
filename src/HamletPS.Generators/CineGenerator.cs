using System;
using System.Globalization;
using HamletPS.Dicom.Dictionary;
using HamletPS.Synthetic;

namespace HamletPS.Generators
{
    /// <summary>
    /// `hamlet-gen cine`: one synthetic ultrasound multi-frame instance (uncompressed) with the canary's name and MRN drawn into
    /// the top banner of every frame (<see cref="PixelCanaryImage"/>), for the pixel-masking bench (bench/pixel-mask.sh).
    /// </summary>
    public static class CineGenerator
    {
        private const string Usage = "usage: hamlet-gen cine --out FILE [--frames N] [--rows N] [--columns N] [--samples 1|3]";

        public static int Run(string[] args)
        {
            var image = new PixelCanaryImage
            {
                SopClassUid = DicomUids.UltrasoundMultiFrameImageStorage, Modality = "US", BurnedInAnnotation = null,
                Frames = 500, Rows = 600, Columns = 800, SamplesPerPixel = 3,
            };
            string output = null;
            try
            {
                for (int i = 0; i < args.Length; i++)
                {
                    string a = args[i];
                    string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException(a + " needs a value");
                    int Number() => int.Parse(Value(), CultureInfo.InvariantCulture);
                    switch (a)
                    {
                        case "--out": output = Value(); break;
                        case "--frames": image.Frames = Number(); break;
                        case "--rows": image.Rows = Number(); break;
                        case "--columns": image.Columns = Number(); break;
                        case "--samples": image.SamplesPerPixel = Number(); break;
                        default: throw new FormatException("unknown option " + a);
                    }
                }
                if (output == null) throw new FormatException("--out is required");
                if (image.Frames < 1 || image.Rows < 64 || image.Columns < 64 || (image.SamplesPerPixel != 1 && image.SamplesPerPixel != 3))
                    throw new FormatException("--frames must be >= 1, --rows and --columns >= 64, --samples 1 or 3");
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine(Usage);
                return 2;
            }
            image.Build().Save(output);
            var banner = image.TextRegion;
            Console.WriteLine("cine: " + image.Frames + " frames of " + image.Columns + "x" + image.Rows + "x" + image.SamplesPerPixel +
                              "; text banner [" + banner.X + ", " + banner.Y + ", " + banner.Width + ", " + banner.Height + "]");
            return 0;
        }
    }
}
