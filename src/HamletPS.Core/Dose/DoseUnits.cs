using System;
using System.Collections.Generic;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// UCUM units a dose report may use for a quantity, each with its factor to the unit the result object uses
    /// (mGy·cm, Gy·m², Gy, mGy, s, mm, kV, mA). Devices differ (dGy·cm² or cGy·cm² for DAP, ms for time); anything else is
    /// not guessed.
    /// </summary>
    internal sealed class DoseUnits
    {
        private readonly Dictionary<string, double> _factors;

        private DoseUnits(string canonical, params (string Unit, double Factor)[] others)
        {
            Canonical = canonical;
            _factors = new Dictionary<string, double>(StringComparer.Ordinal) { [canonical] = 1.0 };
            foreach (var (unit, factor) in others) _factors[unit] = factor;
        }

        public string Canonical { get; }

        public static readonly DoseUnits DoseLengthProduct = new DoseUnits("mGy.cm", ("Gy.cm", 1000), ("mGy.mm", 0.1), ("cGy.cm", 10));
        public static readonly DoseUnits DoseAreaProduct = new DoseUnits("Gy.m2", ("dGy.cm2", 1e-5), ("cGy.cm2", 1e-6), ("mGy.cm2", 1e-7), ("uGy.m2", 1e-6), ("Gy.cm2", 1e-4), ("uGy.cm2", 1e-10), ("mGy.m2", 1e-3));
        public static readonly DoseUnits DoseGy = new DoseUnits("Gy", ("mGy", 1e-3), ("uGy", 1e-6), ("cGy", 1e-2), ("dGy", 1e-1));
        public static readonly DoseUnits DoseMilliGy = new DoseUnits("mGy", ("Gy", 1000), ("uGy", 1e-3), ("cGy", 10), ("dGy", 100));
        public static readonly DoseUnits Seconds = new DoseUnits("s", ("ms", 1e-3), ("min", 60), ("us", 1e-6));
        public static readonly DoseUnits Millimetres = new DoseUnits("mm", ("cm", 10), ("m", 1000));
        public static readonly DoseUnits Kilovolts = new DoseUnits("kV", ("V", 1e-3));
        public static readonly DoseUnits Milliamperes = new DoseUnits("mA", ("A", 1000), ("uA", 1e-3));
        public static readonly DoseUnits Ratio = new DoseUnits("{ratio}", ("1", 1));

        /// <summary>Factor from <paramref name="unit"/> to <see cref="Canonical"/>; false when the unit is not one we know for this quantity.</summary>
        public bool TryFactor(string unit, out double factor)
        {
            factor = 0;
            return unit != null && _factors.TryGetValue(unit, out factor);
        }
    }
}
