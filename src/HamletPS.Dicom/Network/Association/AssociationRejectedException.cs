namespace HamletPS.Dicom.Network
{
    /// <summary>The peer answered our A-ASSOCIATE-RQ with an A-ASSOCIATE-RJ.</summary>
    public sealed class AssociationRejectedException : DicomNetworkException
    {
        public AssociationRejectedException(string peer, AssociateRejectPdu reject)
            : base(peer, reject.Describe())
        {
            Result = reject.Result;
            RejectSource = reject.Source;
            RejectReason = reject.Reason;
        }

        public byte Result { get; }

        public byte RejectSource { get; }

        public byte RejectReason { get; }

        /// <summary>True for a transient rejection (retry later), e.g. the peer's association limit.</summary>
        public bool IsTransient => Result == AssociateRejectPdu.Transient;
    }
}
