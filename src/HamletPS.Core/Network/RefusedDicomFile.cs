namespace HamletPS.Core.Network
{
    /// <summary>A C-STORE the receiver answered with a failure status (duplicate rejected, disk full, unreadable data).</summary>
    public sealed class RefusedDicomFile
    {
        public string CallingAE { get; set; }

        public string SOPClassUID { get; set; }

        public string SOPInstanceUID { get; set; }

        /// <summary>The DIMSE status sent, four hex digits ("0111", "A700").</summary>
        public string Status { get; set; }

        /// <summary>What the status means, with the error comment sent (never a data value).</summary>
        public string StatusText { get; set; }

        public override string ToString() => "refused " + SOPInstanceUID + " from " + CallingAE + ": " + Status + " " + StatusText;
    }
}
