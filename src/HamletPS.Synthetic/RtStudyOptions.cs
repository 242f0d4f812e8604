namespace HamletPS.Synthetic
{
    /// <summary>What <see cref="RtStudyBuilder"/> generates.</summary>
    public sealed class RtStudyOptions
    {
        /// <summary>Seed for UIDs, dates, noise (same seed, same bytes).</summary>
        public ulong Seed { get; set; } = 1;

        /// <summary>Number of planning CT slices.</summary>
        public int Slices { get; set; } = 8;

        /// <summary>Rows and columns of each CT slice.</summary>
        public int ImageSize { get; set; } = 64;

        /// <summary>Slice thickness and spacing (mm).</summary>
        public double SliceThickness { get; set; } = 3.0;

        public bool IncludeStructureSet { get; set; } = true;

        /// <summary>RT Plan (needs the structure set).</summary>
        public bool IncludePlan { get; set; } = true;

        /// <summary>RT Dose (needs the plan).</summary>
        public bool IncludeDose { get; set; } = true;

        /// <summary>A CBCT series in its own frame of reference and a Spatial Registration linking it to the planning CT.</summary>
        public bool IncludeImageGuidance { get; set; }

        /// <summary>Slices of the CBCT (0: as many as the planning CT).</summary>
        public int CbctSlices { get; set; }

        /// <summary>Specific Character Set written in every object.</summary>
        public string SpecificCharacterSet { get; set; } = "ISO_IR 100";

        /// <summary>A copy (changing it leaves this one alone).</summary>
        public RtStudyOptions Clone() => (RtStudyOptions)MemberwiseClone();
    }
}
