namespace HamletPS.Core.Retrieve
{
    /// <summary>What Copy-DicomStudy / <c>hamlet retrieve</c> fetches, how, and where it lands.</summary>
    public sealed class DicomRetrieveRequest
    {
        /// <summary>Study, Series or Image (one instance).</summary>
        public DicomQueryLevel Level { get; set; } = DicomQueryLevel.Study;

        public string StudyInstanceUID { get; set; }

        public string SeriesInstanceUID { get; set; }

        public string SOPInstanceUID { get; set; }

        /// <summary>C-MOVE instead of C-GET (the PACS must know our AE: <see cref="MoveDestination"/>).</summary>
        public bool UseMove { get; set; }

        /// <summary>C-MOVE: the AE title the PACS sends to (default: our calling AE title).</summary>
        public string MoveDestination { get; set; }

        /// <summary>C-MOVE: run our own receiver on this port for the move; null: a receiver already running (DICOMNODE) writes to <see cref="Destination"/>.</summary>
        public int? ReceiverPort { get; set; }

        /// <summary>Folder the files land in (INCOMING), as <c>&lt;SOPInstanceUID&gt;.dcm</c>.</summary>
        public string Destination { get; set; }

        /// <summary>Fetch instances already present in <see cref="Destination"/> again.</summary>
        public bool Force { get; set; }
    }
}
