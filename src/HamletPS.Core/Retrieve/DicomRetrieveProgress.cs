namespace HamletPS.Core.Retrieve
{
    /// <summary>Where a retrieve stands: instances the PACS holds, already present, and the PACS's sub-operation counts.</summary>
    public sealed class DicomRetrieveProgress
    {
        public string StudyInstanceUID { get; set; }

        /// <summary>Instances the PACS lists for the request.</summary>
        public int Total { get; set; }

        /// <summary>Instances already in the destination (not fetched again).</summary>
        public int AlreadyPresent { get; set; }

        public int Completed { get; set; }

        public int Failed { get; set; }

        public int Warning { get; set; }

        /// <summary>Sub-operations the PACS still has to do (null when it does not say).</summary>
        public int? Remaining { get; set; }
    }
}
