namespace HamletPS.Core.Network
{
    /// <summary>
    /// What Send-Dicom and `hamlet send` report for a file the peer did not store: the message for its reason (InvalidDicomFile,
    /// DicomStoreRefused, DicomSendFailed), and a peer that cannot be reached — which fails every remaining file with the same
    /// reason — reported once, then counted. One instance per run.
    /// </summary>
    public sealed class SendFailureReport
    {
        /// <summary>Network failures not reported because they repeated the one before.</summary>
        public int Suppressed { get; private set; }

        /// <summary>The last network failure reported (the peer's or the connection's words).</summary>
        public string LastNetworkError { get; private set; }

        /// <summary>The message to report for <paramref name="file"/>, or null when it repeats the last network failure (counted
        /// in <see cref="Suppressed"/>).</summary>
        public string MessageFor(SentDicomFile file)
        {
            switch (file.FailureReason)
            {
                case "InvalidDicomFile":
                    return file.Path + ": " + file.StatusText;
                case "DicomStoreRefused":
                    return file.Peer + " refused " + file.Path + ": status " + file.Status + " " + file.StatusText;
                default:
                    if (file.StatusText == LastNetworkError)
                    {
                        Suppressed++;
                        return null;
                    }
                    LastNetworkError = file.StatusText;
                    return "Sending " + file.Path + " to " + file.Peer + " failed: " + file.StatusText;
            }
        }

        /// <summary>The closing warning when failures were counted, else null.</summary>
        public string SuppressedMessage =>
            Suppressed == 0 ? null : Suppressed.ToString(System.Globalization.CultureInfo.InvariantCulture) + " more files were not sent for the same reason: " + LastNetworkError;
    }
}
