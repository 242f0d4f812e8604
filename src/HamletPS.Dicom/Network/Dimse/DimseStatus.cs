namespace HamletPS.Dicom.Network
{
    /// <summary>DIMSE status codes used here (PS3.7 Annex C, PS3.4 B.2.3 storage statuses).</summary>
    public static class DimseStatus
    {
        public const ushort Success = 0x0000;
        /// <summary>Failure: SOP class not supported (PS3.7 C.5.17 / 0122H).</summary>
        public const ushort SopClassNotSupported = 0x0122;
        /// <summary>Failure: duplicate SOP instance (PS3.7 C.5.7 / 0111H); used when the duplicate policy rejects.</summary>
        public const ushort DuplicateSopInstance = 0x0111;
        /// <summary>Failure: processing failure (0110H).</summary>
        public const ushort ProcessingFailure = 0x0110;
        /// <summary>Storage failure: refused, out of resources (A7xxH).</summary>
        public const ushort OutOfResources = 0xA700;
        /// <summary>Storage failure: data set does not match SOP class (A9xxH).</summary>
        public const ushort DataSetDoesNotMatchSopClass = 0xA900;
        /// <summary>Storage failure: cannot understand (Cxxx).</summary>
        public const ushort CannotUnderstand = 0xC000;
        /// <summary>C-FIND pending (FF00H).</summary>
        public const ushort Pending = 0xFF00;
        /// <summary>Warning: coercion of data elements (B000H).</summary>
        public const ushort CoercionOfDataElements = 0xB000;

        /// <summary>Success (0000H) or a warning (0001H, Bxxx, 0107H, 0116H) — the object was stored.</summary>
        public static bool IsSuccessOrWarning(ushort status) =>
            status == Success || status == 0x0001 || (status & 0xF000) == 0xB000 || status == 0x0107 || status == 0x0116;

        /// <summary>A short description of a status code's category.</summary>
        public static string Describe(ushort status)
        {
            if (status == Success) return "Success";
            if (status == Pending || status == 0xFF01) return "Pending";
            if (status == 0xFE00) return "Cancel";
            if (status == SopClassNotSupported) return "Failure: SOP class not supported";
            if (status == DuplicateSopInstance) return "Failure: duplicate SOP instance";
            if (status == ProcessingFailure) return "Failure: processing failure";
            if ((status & 0xFF00) == 0xA700) return "Failure: refused, out of resources";
            if ((status & 0xFF00) == 0xA900) return "Failure: data set does not match SOP class";
            if ((status & 0xF000) == 0xC000) return "Failure: cannot understand";
            if (IsSuccessOrWarning(status)) return "Warning";
            return "Failure";
        }
    }
}
