using System;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// Presentation Data Value item of a P-DATA-TF PDU (PS3.8 9.3.5.1, Annex E.2): item length (4 bytes), presentation context
    /// ID, message control header (bit 0: 1 command / 0 data set; bit 1: 1 last fragment), then the fragment.
    /// </summary>
    public sealed class PresentationDataValue
    {
        public PresentationDataValue(byte presentationContextId, bool isCommand, bool isLast, ArraySegment<byte> data)
        {
            PresentationContextId = presentationContextId;
            IsCommand = isCommand;
            IsLast = isLast;
            Data = data;
        }

        public byte PresentationContextId { get; }

        public bool IsCommand { get; }

        public bool IsLast { get; }

        public ArraySegment<byte> Data { get; }

        /// <summary>The message control header byte (Annex E.2).</summary>
        public byte MessageControlHeader => (byte)((IsCommand ? 1 : 0) | (IsLast ? 2 : 0));
    }
}
