namespace HamletPS.Dicom.Network
{
    public sealed partial class DimseCommand
    {
        /// <summary>C-FIND-RQ (PS3.7 9.3.2.1): an identifier follows.</summary>
        public static DimseCommand FindRequest(ushort messageId, string sopClassUid) => new DimseCommand
        {
            CommandField = DimseCommandField.CFindRequest,
            AffectedSopClassUid = sopClassUid,
            MessageId = messageId,
            Priority = 0,
            CommandDataSetType = 0x0001,
        };

        /// <summary>C-GET-RQ (PS3.7 9.3.3.1): an identifier follows.</summary>
        public static DimseCommand GetRequest(ushort messageId, string sopClassUid) => new DimseCommand
        {
            CommandField = DimseCommandField.CGetRequest,
            AffectedSopClassUid = sopClassUid,
            MessageId = messageId,
            Priority = 0,
            CommandDataSetType = 0x0001,
        };

        /// <summary>C-MOVE-RQ (PS3.7 9.3.4.1) to <paramref name="destination"/>: an identifier follows.</summary>
        public static DimseCommand MoveRequest(ushort messageId, string sopClassUid, string destination) => new DimseCommand
        {
            CommandField = DimseCommandField.CMoveRequest,
            AffectedSopClassUid = sopClassUid,
            MessageId = messageId,
            Priority = 0,
            MoveDestination = destination,
            CommandDataSetType = 0x0001,
        };

        /// <summary>C-CANCEL-RQ (PS3.7 9.3.2.3) of the operation with <paramref name="messageIdBeingCancelled"/>.</summary>
        public static DimseCommand CancelRequest(ushort messageIdBeingCancelled) => new DimseCommand
        {
            CommandField = DimseCommandField.CCancelRequest,
            MessageIdBeingRespondedTo = messageIdBeingCancelled,
        };
    }
}
