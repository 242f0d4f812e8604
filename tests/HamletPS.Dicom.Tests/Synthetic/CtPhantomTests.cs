using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Dicom.Tests.Synthetic
{
    public class CtPhantomTests
    {
        [Fact]
        public void RenderSlice_IsDeterministic_AndSlicesDiffer()
        {
            var a = new CtPhantom(128, 10, 3, seed: 5);
            var b = new CtPhantom(128, 10, 3, seed: 5);
            Assert.Equal(a.RenderSlice(4), b.RenderSlice(4));
            Assert.NotEqual(a.RenderSlice(4), a.RenderSlice(5));
            Assert.NotEqual(a.RenderSlice(4), new CtPhantom(128, 10, 3, seed: 6).RenderSlice(4));
        }

        [Fact]
        public void RenderSlice_CompressesLikeARealCtNotLikeNoise()
        {
            var slice = new CtPhantom(512, 20, 3, seed: 1).RenderSlice(10);
            using var ms = new MemoryStream();
            using (var z = new DeflateStream(ms, CompressionLevel.Optimal, true)) z.Write(slice, 0, slice.Length);
            double ratio = (double)ms.Length / slice.Length;
            Assert.InRange(ratio, 0.15, 0.7);
        }

        [Fact]
        public void PlanningCt_HasTissueValuesAndGeometry_AsPydicomReadsThem()
        {
            string scratch = TestPaths.NewScratch("phantom");
            try
            {
                var builder = new RtStudyBuilder(new SyntheticPatientGenerator(1).Create(0),
                    new RtStudyOptions { Seed = 1, Slices = 16, ImageSize = 128, SliceThickness = 2.5, IncludeStructureSet = false, IncludePlan = false, IncludeDose = false });
                var study = builder.Write(scratch);
                var ct = builder.PlanningCt;
                int middle = 8;
                double z = ct.SliceZ(middle);
                var a = ct.Anatomy;
                (string Name, double X, double Y, double Low, double High)[] probes =
                {
                    ("air", 0, -230, -1010, -990),
                    ("lung", 110, -40, -900, -700),
                    ("vertebral marrow", 0, 62, 600, 850),
                    ("soft tissue", -20, -80, -30, 80),
                    ("couch core", 0, a.CouchTop + 13, -850, -650),
                    ("tumour", a.TumourX, a.TumourY, -30, 100),
                };
                string file = study.Files.Single(f => f.Kind == RtObjectKind.CtImage && f.Path.EndsWith("CT" + (middle + 1).ToString("0000") + ".dcm", StringComparison.Ordinal)).Path;
                string pixels = string.Join(" ", probes.Select(p => Row(ct, p.Y) + "," + Column(ct, p.X)));
                string output = SyntheticOracles.Python(@"
import sys, pydicom, numpy
d = pydicom.dcmread(sys.argv[1])
hu = d.pixel_array.astype(float) * float(d.RescaleSlope) + float(d.RescaleIntercept)
for rc in sys.argv[2].split():
    r, c = map(int, rc.split(','))
    print('%.1f' % hu[max(r-1,0):r+2, max(c-1,0):c+2].mean())
print(d.Rows, d.Columns, float(d.PixelSpacing[0]), float(d.SliceThickness), float(d.SliceLocation), float(d.ImagePositionPatient[2]), float(d.RescaleIntercept))
", file, pixels);
                var lines = output.Trim().Split('\n');
                for (int i = 0; i < probes.Length; i++)
                {
                    double hu = double.Parse(lines[i], CultureInfo.InvariantCulture);
                    Assert.True(hu >= probes[i].Low && hu <= probes[i].High, probes[i].Name + ": " + hu + " HU");
                }
                var g = lines[probes.Length].Split(' ');
                Assert.Equal("128", g[0]);
                Assert.Equal(500.0 / 128, double.Parse(g[2], CultureInfo.InvariantCulture), 4);
                Assert.Equal(2.5, double.Parse(g[3], CultureInfo.InvariantCulture));
                Assert.Equal(z, double.Parse(g[4], CultureInfo.InvariantCulture), 3);
                Assert.Equal(z, double.Parse(g[5], CultureInfo.InvariantCulture), 3);
                Assert.Equal(-1024, double.Parse(g[6], CultureInfo.InvariantCulture));

                // slice positions step by the thickness; every slice shares the frame of reference and the series
                string[] series = SyntheticOracles.Python(@"
import sys, glob, pydicom
ds = sorted((pydicom.dcmread(p, stop_before_pixels=True) for p in glob.glob(sys.argv[1] + '/**/*.dcm', recursive=True)), key=lambda d: int(d.InstanceNumber))
zs = [float(d.ImagePositionPatient[2]) for d in ds]
print(len(ds), len(set(d.FrameOfReferenceUID for d in ds)), len(set(d.SeriesInstanceUID for d in ds)), len(set(d.SOPInstanceUID for d in ds)))
print(' '.join('%.3f' % (b - a) for a, b in zip(zs, zs[1:])))
", scratch).Trim().Split('\n');
                Assert.Equal("16 1 1 16", series[0]);
                Assert.All(series[1].Split(' '), step => Assert.Equal("2.500", step));
            }
            finally { Directory.Delete(scratch, true); }
        }

        private static int Column(CtPhantom ct, double x) => (int)Math.Round((x - ct.Origin) / ct.PixelSpacing);

        private static int Row(CtPhantom ct, double y) => (int)Math.Round((y - ct.Origin) / ct.PixelSpacing);
    }
}
