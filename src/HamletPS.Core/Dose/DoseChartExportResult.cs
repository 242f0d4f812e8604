using System;

namespace HamletPS.Core.Dose
{
    /// <summary>What Export-DoseHistory -ChartPath / `hamlet dose export --charts` wrote: the folder, its files, how much they show.</summary>
    public sealed class DoseChartExportResult
    {
        public string Folder { get; set; }

        /// <summary>Full paths of the files written: the SVG charts that have values, then index.html showing them all.</summary>
        public string[] Files { get; set; } = Array.Empty<string>();

        /// <summary>Studies the filter took (the station chart counts those with a study date).</summary>
        public int Studies { get; set; }

        /// <summary>Boxes drawn over all the per-protocol charts.</summary>
        public int Protocols { get; set; }

        public override string ToString() =>
            Folder + ": " + Files.Length + " files (" + Studies + " studies, " + Protocols + " protocol boxes)";
    }
}
