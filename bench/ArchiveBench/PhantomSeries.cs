using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace HamletPS.Bench.Archive
{
    /// <summary>
    /// A CT-like series of raw 512x512 16-bit slices (stored value = HU + 1024) behind a 256-byte fake header: circular field of view,
    /// table, body ellipse with a fat layer, lungs in the upper slices, liver and kidneys lower down, spine and ribs, Gaussian-like noise.
    /// Stands in for the shared DICOM phantom until that is on main; compresses like real CT (noise in the low bits), not like noise.
    /// </summary>
    internal static class PhantomSeries
    {
        public const int Size = 512;
        public const int HeaderSize = 256;

        public static void Generate(string folder, int slices)
        {
            Directory.CreateDirectory(folder);
            Parallel.For(0, slices, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, z =>
            {
                byte[] file = new byte[HeaderSize + Size * Size * 2];
                byte[] header = Encoding.ASCII.GetBytes($"HAMLET-PHANTOM v1 slice={z} of={slices} rows=512 cols=512 bits=16 intercept=-1024 spacing=0.98 thickness=1.0\n");
                Buffer.BlockCopy(header, 0, file, 0, header.Length);
                Slice(z, slices, file, HeaderSize);
                File.WriteAllBytes(Path.Combine(folder, $"CT_{z + 1:00000}.dcm"), file);
            });
        }

        private static void Slice(int z, int slices, byte[] dst, int at)
        {
            double t = (double)z / Math.Max(1, slices - 1);   // 0 = head end, 1 = pelvis
            double ax = 175 + 25 * Math.Sin(Math.PI * t);     // body half-width
            double ay = 120 + 15 * Math.Sin(Math.PI * t);     // body half-height
            const double cx = 256, cy = 250;
            bool thorax = t < 0.45, abdomen = t >= 0.4 && t < 0.8;
            uint rng = (uint)(z * 2654435761u) | 1u;
            for (int y = 0; y < Size; y++)
            {
                for (int x = 0; x < Size; x++)
                {
                    double hu;
                    double fx = x - 255.5, fy = y - 255.5;
                    if (fx * fx + fy * fy > 250.0 * 250.0)
                    {
                        hu = -2000; // outside the reconstruction circle: constant padding, no noise
                    }
                    else
                    {
                        double ex = (x - cx) / ax, ey = (y - cy) / ay;
                        double r = ex * ex + ey * ey;
                        if (y >= 392 && y < 400 && Math.Abs(x - 256) < 230) hu = 250;       // table top
                        else if (r > 1) hu = -1000;                                       // air
                        else if (r > 0.88) hu = -100;                                     // subcutaneous fat
                        else
                        {
                            hu = 40;                                                      // muscle / soft tissue
                            double sx = (x - 256) / 20.0, sy = (y - (cy + ay * 0.62)) / 22.0;
                            double spine = sx * sx + sy * sy;
                            if (spine < 1) hu = spine > 0.6 ? 1200 : 350;                 // vertebra: cortex and cancellous bone
                            else if (thorax)
                            {
                                double lx = (Math.Abs(x - cx) - ax * 0.45) / (ax * 0.33), ly = (y - cy + 10) / (ay * 0.7);
                                if (lx * lx + ly * ly < 1) hu = -850 + 60 * Math.Sin(x * 0.21) * Math.Sin(y * 0.17); // lungs with vessels
                                double rib = r - 0.8;
                                if (rib > 0 && rib < 0.03 && ((int)(Math.Atan2(ey, ex) * 10) & 1) == 0) hu = 900; // ribs
                                double hx = (x - cx + 25) / 55.0, hy = (y - cy + 5) / 45.0;
                                if (hx * hx + hy * hy < 1) hu = 45;                       // heart
                            }
                            else if (abdomen)
                            {
                                double lx = (x - cx + ax * 0.35) / (ax * 0.4), ly = (y - cy + 10) / (ay * 0.55);
                                if (lx * lx + ly * ly < 1) hu = 60;                       // liver
                                for (int side = -1; side <= 1; side += 2)
                                {
                                    double kx = (x - cx - side * 60) / 22.0, ky = (y - cy - ay * 0.35) / 30.0;
                                    if (kx * kx + ky * ky < 1) hu = 30;                   // kidneys
                                }
                            }
                            else
                            {
                                double px = (Math.Abs(x - cx) - 70) / 30.0, py = (y - cy - 30) / 35.0;
                                if (px * px + py * py < 1) hu = 700;                      // pelvic bone
                            }
                        }
                        // noise: sum of four uniforms, sigma about 12 HU
                        int sum = 0;
                        for (int k = 0; k < 4; k++)
                        {
                            rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5;
                            sum += (int)(rng & 0xFF);
                        }
                        hu += (sum - 510) * 0.16;
                    }
                    int v = (int)Math.Round(hu + 1024);
                    if (v < 0) v = 0;
                    if (v > 4095) v = 4095;
                    int i = at + 2 * (y * Size + x);
                    dst[i] = (byte)v;
                    dst[i + 1] = (byte)(v >> 8);
                }
            }
        }
    }
}
