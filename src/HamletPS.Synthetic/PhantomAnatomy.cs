using System;
using System.Collections.Generic;

namespace HamletPS.Synthetic
{
    /// <summary>
    /// The invented thorax the CT phantom images and the structure set outlines: body with a fat layer, two lungs, heart,
    /// a lung tumour (the PTV), vertebral body with spinal canal and cord, and a treatment couch. Positions are in mm in the
    /// planning frame of reference; the shape along z follows the normalised position in the scanned range (0 = first
    /// slice, 1 = last), so any slice count images a whole torso.
    /// </summary>
    public sealed class PhantomAnatomy
    {
        public PhantomAnatomy(double firstZ, double lastZ, double shiftX = 0, double shiftY = 0, double shiftZ = 0)
        {
            FirstZ = firstZ;
            LastZ = lastZ;
            ShiftX = shiftX;
            ShiftY = shiftY;
            ShiftZ = shiftZ;
        }

        public double FirstZ { get; }
        public double LastZ { get; }

        /// <summary>Where the anatomy sits relative to the nominal position (a CBCT sees the patient slightly moved).</summary>
        public double ShiftX { get; }
        public double ShiftY { get; }
        public double ShiftZ { get; }

        /// <summary>Centre of the tumour (PTV) in mm.</summary>
        public double TumourX => 70 + ShiftX;
        public double TumourY => -5 + ShiftY;
        public double TumourZ => (FirstZ + LastZ) / 2 + ShiftZ;

        /// <summary>In-plane radius of the tumour at its centre (mm).</summary>
        public double TumourRadius => 25;

        /// <summary>Half extent of the tumour along z (mm): at most 25, less when the scanned range is short.</summary>
        public double TumourHalfLength => Math.Max(1.0, Math.Min(25.0, 0.45 * Math.Abs(LastZ - FirstZ)));

        /// <summary>Top of the couch surface (y, mm).</summary>
        public double CouchTop => 122 + ShiftY;

        private double Norm(double z)
        {
            double span = LastZ - FirstZ;
            if (Math.Abs(span) < 1e-9) return 0.5;
            return (z - ShiftZ - FirstZ) / span;
        }

        private static double Bump(double zn, double from, double to)
        {
            if (zn <= from || zn >= to) return 0;
            return Math.Sqrt(Math.Sin(Math.PI * (zn - from) / (to - from)));
        }

        private PhantomEllipse E(double cx, double cy, double rx, double ry) => new PhantomEllipse(cx + ShiftX, cy + ShiftY, rx, ry);

        public PhantomEllipse Body(double z)
        {
            double zn = Norm(z);
            double s = 0.94 + 0.06 * Math.Sin(Math.PI * Math.Max(0, Math.Min(1, zn)));
            return E(0, 0, 170 * s, 110 * s);
        }

        /// <summary>The inner boundary of the subcutaneous fat.</summary>
        public PhantomEllipse Muscle(double z) => Body(z).Scaled(0.9);

        public PhantomEllipse? LungLeft(double z)
        {
            double b = Bump(Norm(z), 0.15, 1.08);
            return b < 0.2 ? (PhantomEllipse?)null : E(85, -8, 52 * b, 68 * b);
        }

        public PhantomEllipse? LungRight(double z)
        {
            double b = Bump(Norm(z), 0.15, 1.08);
            return b < 0.2 ? (PhantomEllipse?)null : E(-85, -8, 55 * b, 70 * b);
        }

        public PhantomEllipse? Heart(double z)
        {
            double b = Bump(Norm(z), 0.1, 0.62);
            return b < 0.3 ? (PhantomEllipse?)null : E(-5, -40, 34 * b, 30 * b);
        }

        public PhantomEllipse? Tumour(double z)
        {
            double dz = (z - TumourZ) / TumourHalfLength;
            if (Math.Abs(dz) >= 1) return null;
            double r = TumourRadius * Math.Sqrt(1 - dz * dz);
            return r < 2 ? (PhantomEllipse?)null : new PhantomEllipse(TumourX, TumourY, r, r);
        }

        public PhantomEllipse VertebralBody(double z) => E(0, 62, 20, 18);

        public PhantomEllipse VertebralMarrow(double z) => E(0, 62, 16.5, 14.5);

        public PhantomEllipse VertebralArch(double z) => E(0, 90, 14, 13);

        public PhantomEllipse SpinalCanal(double z) => E(0, 90, 8, 7);

        public PhantomEllipse SpinalCord(double z) => E(0, 90, 5, 4.5);

        /// <summary>The structures the RTSTRUCT outlines, in ROI number order.</summary>
        public IReadOnlyList<PhantomStructure> Structures { get; } = new[]
        {
            new PhantomStructure(1, "BODY", "EXTERNAL", new[] { 0, 255, 0 }, 48),
            new PhantomStructure(2, "PTV", "PTV", new[] { 255, 0, 0 }, 32),
            new PhantomStructure(3, "LUNG_L", "ORGAN", new[] { 0, 128, 255 }, 32),
            new PhantomStructure(4, "LUNG_R", "ORGAN", new[] { 0, 200, 255 }, 32),
            new PhantomStructure(5, "HEART", "ORGAN", new[] { 255, 0, 255 }, 24),
            new PhantomStructure(6, "SPINAL_CORD", "ORGAN", new[] { 255, 255, 0 }, 16),
        };

        /// <summary>The outline of a structure at height z, or null when the structure is absent there.</summary>
        public PhantomEllipse? Outline(PhantomStructure structure, double z)
        {
            switch (structure.Key)
            {
                case "BODY": return Body(z);
                case "PTV": return Tumour(z);
                case "LUNG_L": return LungLeft(z);
                case "LUNG_R": return LungRight(z);
                case "HEART": return Heart(z);
                case "SPINAL_CORD": return SpinalCord(z);
                default: return null;
            }
        }

        /// <summary>
        /// A planned dose distribution (Gy): a plateau of <paramref name="prescription"/> over the tumour falling off over a few
        /// centimetres, plus a low-dose bath inside the body.
        /// </summary>
        public double Dose(double x, double y, double z, double prescription)
        {
            if (!Body(z).Contains(x, y)) return 0;
            double dx = x - TumourX, dy = y - TumourY, dz = (z - TumourZ) * TumourRadius / TumourHalfLength;
            double d = Math.Sqrt(dx * dx + dy * dy + dz * dz);
            double r = TumourRadius + 5;
            double q = d / r;
            double plateau = 1.0 / (1.0 + q * q * q * q * q * q);
            double bath = 0.15 * Math.Exp(-d / 60.0);
            return prescription * Math.Min(1.05, plateau + bath);
        }
    }
}
