using System;
using System.Globalization;
using System.Management.Automation;

namespace HamletPS.Internal
{
    /// <summary>
    /// Lets a TimeSpan parameter take a plain number as seconds (<c>-IdleTimeout 600</c>) besides a TimeSpan or "hh:mm:ss":
    /// PowerShell's own conversion would read an integer as ticks.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class SecondsToTimeSpanAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject ps ? ps.BaseObject : inputData;
            switch (value)
            {
                case int i: return TimeSpan.FromSeconds(i);
                case long l: return TimeSpan.FromSeconds(l);
                case double d: return TimeSpan.FromSeconds(d);
                case decimal m: return TimeSpan.FromSeconds((double)m);
                case string s:
                    if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)) return TimeSpan.FromSeconds(seconds);
                    return value;
                default: return inputData;
            }
        }
    }
}
