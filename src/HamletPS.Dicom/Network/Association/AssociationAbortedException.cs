using System;

namespace HamletPS.Dicom.Network
{
    /// <summary>The association ended without release: an A-ABORT (from the peer or from us), a closed connection or a timeout.</summary>
    public sealed class AssociationAbortedException : DicomNetworkException
    {
        public AssociationAbortedException(string peer, string reason, Exception? inner = null)
            : base(peer, reason, inner)
        {
        }
    }
}
