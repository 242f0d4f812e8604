using System.Globalization;

namespace HamletPS.Dicom.Network
{
    /// <summary>The peer answered a query or retrieve with a failure status: the status, its meaning and the peer's comment.</summary>
    public sealed class DimseFailureException : DicomNetworkException
    {
        public DimseFailureException(string peer, string operation, ushort status, string errorComment)
            : base(peer, operation + " refused: " + QueryRetrieveStatus.Describe(status) + " (status " + status.ToString("X4", CultureInfo.InvariantCulture) + ")" +
                (string.IsNullOrEmpty(errorComment) ? string.Empty : ": " + errorComment))
        {
            Status = status;
            ErrorComment = errorComment;
        }

        public ushort Status { get; }

        public string ErrorComment { get; }
    }
}
