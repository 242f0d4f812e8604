namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// Sub-operation counts of a C-GET or C-MOVE as the peer last reported them, and (C-GET) the file just received or refused.
    /// </summary>
    public sealed class RetrieveProgress
    {
        public int? Remaining { get; set; }

        public int Completed { get; set; }

        public int Failed { get; set; }

        public int Warning { get; set; }

        /// <summary>C-GET only: the C-STORE sub-operation that just finished (null on a count update).</summary>
        public ReceivedFile? File { get; set; }
    }
}
