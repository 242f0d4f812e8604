namespace HamletPS.Dicom.Network
{
    /// <summary>How a C-FIND ended: the final status, the number of matches delivered, and whether it was cancelled.</summary>
    public sealed class FindResult
    {
        public int Matches { get; set; }

        public ushort Status { get; set; }

        public string? ErrorComment { get; set; }

        /// <summary>A C-CANCEL was sent (the caller stopped early or was cancelled).</summary>
        public bool Cancelled { get; set; }
    }
}
