namespace HamletPS.Dicom.Network
{
    /// <summary>Status codes of the Query/Retrieve service class (PS3.4 C.4.1.1.4, C.4.2.1.5, C.4.3.1.4).</summary>
    public static class QueryRetrieveStatus
    {
        /// <summary>Pending: matches are continuing (FF00H) or continuing with optional keys unsupported (FF01H).</summary>
        public static bool IsPending(ushort status) => status == 0xFF00 || status == 0xFF01;

        /// <summary>Cancel: matching or sub-operations terminated due to a C-CANCEL (FE00H).</summary>
        public const ushort Cancel = 0xFE00;

        /// <summary>Move destination unknown (A801H).</summary>
        public const ushort MoveDestinationUnknown = 0xA801;

        /// <summary>Warning: sub-operations complete, one or more failures or warnings (B000H).</summary>
        public const ushort SubOperationsCompleteWithFailures = 0xB000;

        public static string Describe(ushort status)
        {
            switch (status)
            {
                case 0x0000: return "Success";
                case 0xFF00: case 0xFF01: return "Pending";
                case Cancel: return "Cancelled";
                case 0xA700: return "Failure: refused, out of resources";
                case 0xA701: return "Failure: refused, out of resources (unable to calculate number of matches)";
                case 0xA702: return "Failure: refused, out of resources (unable to perform sub-operations)";
                case MoveDestinationUnknown: return "Failure: move destination unknown";
                case 0xA900: return "Failure: identifier does not match SOP class";
                case 0x0122: return "Failure: SOP class not supported";
                case 0x0124: return "Failure: not authorized";
                case SubOperationsCompleteWithFailures: return "Warning: sub-operations complete, one or more failures";
            }
            if ((status & 0xF000) == 0xC000) return "Failure: unable to process";
            return DimseStatus.Describe(status);
        }
    }
}
