namespace HamletPS.Core.Retrieve
{
    /// <summary>How one retrieve request ended (hamlet retrieve's summary line; Copy-DicomStudy's verbose message).</summary>
    public sealed class DicomRetrieveSummary
    {
        public string Level { get; set; }

        public string StudyInstanceUID { get; set; }

        public string SeriesInstanceUID { get; set; }

        /// <summary>C-GET or C-MOVE.</summary>
        public string Method { get; set; }

        /// <summary>Instances the PACS lists.</summary>
        public int Instances { get; set; }

        public int AlreadyPresent { get; set; }

        public int Retrieved { get; set; }

        public int Failed { get; set; }

        /// <summary>"CALLED@host:port".</summary>
        public string Peer { get; set; }

        public string Destination { get; set; }
    }
}
