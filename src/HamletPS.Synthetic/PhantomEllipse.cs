using System;
using System.Collections.Generic;

namespace HamletPS.Synthetic
{
    /// <summary>An axis-aligned ellipse in the axial plane, in patient coordinates (mm; +x patient left, +y posterior).</summary>
    public readonly struct PhantomEllipse
    {
        public PhantomEllipse(double centerX, double centerY, double radiusX, double radiusY)
        {
            CenterX = centerX;
            CenterY = centerY;
            RadiusX = radiusX;
            RadiusY = radiusY;
        }

        public double CenterX { get; }
        public double CenterY { get; }
        public double RadiusX { get; }
        public double RadiusY { get; }

        public bool Contains(double x, double y)
        {
            double dx = (x - CenterX) / RadiusX, dy = (y - CenterY) / RadiusY;
            return dx * dx + dy * dy <= 1.0;
        }

        public PhantomEllipse Scaled(double factor) => new PhantomEllipse(CenterX, CenterY, RadiusX * factor, RadiusY * factor);

        /// <summary>A closed polygon of <paramref name="points"/> vertices at height z, as x\y\z triplets (counter-clockwise seen from the feet).</summary>
        public double[] Polygon(int points, double z)
        {
            var data = new double[points * 3];
            for (int i = 0; i < points; i++)
            {
                double a = 2 * Math.PI * i / points;
                data[3 * i] = Math.Round(CenterX + RadiusX * Math.Cos(a), 2);
                data[3 * i + 1] = Math.Round(CenterY + RadiusY * Math.Sin(a), 2);
                data[3 * i + 2] = Math.Round(z, 2);
            }
            return data;
        }
    }
}
