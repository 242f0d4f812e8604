using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// A DIMSE command set (PS3.7 9.3, 10.3, E.1): group 0000 elements, always encoded Implicit VR Little Endian with the
    /// Command Group Length (0000,0000) first. Typed properties cover the C-ECHO, C-STORE, C-FIND, C-GET and C-MOVE fields; null/absent
    /// fields are not encoded.
    /// </summary>
    public sealed partial class DimseCommand
    {
        /// <summary>Command Data Set Type (0000,0800) value meaning "no data set" (PS3.7 E.1).</summary>
        public const ushort NoDataSet = 0x0101;

        /// <summary>Largest command set we accept from a peer (command sets are a few hundred bytes).</summary>
        public const int MaxEncodedLength = 64 * 1024;

        public DimseCommandField CommandField { get; set; }

        /// <summary>(0000,0002) Affected SOP Class UID.</summary>
        public string? AffectedSopClassUid { get; set; }

        /// <summary>(0000,0003) Requested SOP Class UID.</summary>
        public string? RequestedSopClassUid { get; set; }

        /// <summary>(0000,0110) Message ID.</summary>
        public ushort? MessageId { get; set; }

        /// <summary>(0000,0120) Message ID Being Responded To.</summary>
        public ushort? MessageIdBeingRespondedTo { get; set; }

        /// <summary>(0000,0600) Move Destination.</summary>
        public string? MoveDestination { get; set; }

        /// <summary>(0000,0700) Priority: 0 medium, 1 high, 2 low.</summary>
        public ushort? Priority { get; set; }

        /// <summary>(0000,0800) Command Data Set Type: 0101H none, anything else: a data set follows.</summary>
        public ushort CommandDataSetType { get; set; } = NoDataSet;

        /// <summary>(0000,0900) Status.</summary>
        public ushort? Status { get; set; }

        /// <summary>(0000,0902) Error Comment, at most 64 characters (LO).</summary>
        public string? ErrorComment { get; set; }

        /// <summary>(0000,1000) Affected SOP Instance UID.</summary>
        public string? AffectedSopInstanceUid { get; set; }

        /// <summary>(0000,1001) Requested SOP Instance UID.</summary>
        public string? RequestedSopInstanceUid { get; set; }

        /// <summary>(0000,1020) Number of Remaining Sub-operations (C-GET/C-MOVE responses).</summary>
        public ushort? RemainingSubOperations { get; set; }

        /// <summary>(0000,1021) Number of Completed Sub-operations.</summary>
        public ushort? CompletedSubOperations { get; set; }

        /// <summary>(0000,1022) Number of Failed Sub-operations.</summary>
        public ushort? FailedSubOperations { get; set; }

        /// <summary>(0000,1023) Number of Warning Sub-operations.</summary>
        public ushort? WarningSubOperations { get; set; }

        /// <summary>(0000,1030) Move Originator Application Entity Title.</summary>
        public string? MoveOriginatorAeTitle { get; set; }

        /// <summary>(0000,1031) Move Originator Message ID.</summary>
        public ushort? MoveOriginatorMessageId { get; set; }

        public bool HasDataSet => CommandDataSetType != NoDataSet;

        public static DimseCommand EchoRequest(ushort messageId) => new DimseCommand
        {
            CommandField = DimseCommandField.CEchoRequest,
            AffectedSopClassUid = DicomUids.Verification,
            MessageId = messageId,
        };

        public static DimseCommand StoreRequest(ushort messageId, string sopClassUid, string sopInstanceUid) => new DimseCommand
        {
            CommandField = DimseCommandField.CStoreRequest,
            AffectedSopClassUid = sopClassUid,
            MessageId = messageId,
            Priority = 0,
            CommandDataSetType = 0x0001,
            AffectedSopInstanceUid = sopInstanceUid,
        };

        /// <summary>The response to a request: same SOP class/instance, the given status and an error comment cut to 64 characters.</summary>
        public static DimseCommand ResponseTo(DimseCommand request, ushort status, string? errorComment = null)
        {
            var rsp = new DimseCommand
            {
                CommandField = (DimseCommandField)((ushort)request.CommandField | 0x8000),
                AffectedSopClassUid = request.AffectedSopClassUid,
                MessageIdBeingRespondedTo = request.MessageId,
                Status = status,
                AffectedSopInstanceUid = request.AffectedSopInstanceUid,
            };
            if (errorComment is { Length: > 0 })
                rsp.ErrorComment = errorComment.Length > 64 ? errorComment.Substring(0, 64) : errorComment;
            return rsp;
        }

        /// <summary>Encodes the command set in Implicit VR Little Endian with its group length.</summary>
        public byte[] Encode()
        {
            var body = new MemoryStream(256);
            Ui(body, 0x0002, AffectedSopClassUid);
            Ui(body, 0x0003, RequestedSopClassUid);
            Us(body, 0x0100, (ushort)CommandField);
            Us(body, 0x0110, MessageId);
            Us(body, 0x0120, MessageIdBeingRespondedTo);
            Text(body, 0x0600, MoveDestination);
            Us(body, 0x0700, Priority);
            Us(body, 0x0800, CommandDataSetType);
            Us(body, 0x0900, Status);
            Text(body, 0x0902, ErrorComment);
            Ui(body, 0x1000, AffectedSopInstanceUid);
            Ui(body, 0x1001, RequestedSopInstanceUid);
            Us(body, 0x1020, RemainingSubOperations);
            Us(body, 0x1021, CompletedSubOperations);
            Us(body, 0x1022, FailedSubOperations);
            Us(body, 0x1023, WarningSubOperations);
            Text(body, 0x1030, MoveOriginatorAeTitle);
            Us(body, 0x1031, MoveOriginatorMessageId);

            var all = new MemoryStream((int)body.Length + 12);
            Header(all, 0x0000, 4);
            WriteUInt32(all, (uint)body.Length);
            body.Position = 0;
            body.CopyTo(all);
            return all.ToArray();
        }

        /// <summary>
        /// Decodes an Implicit VR Little Endian group-0000 command set. Lengths are checked against the bytes given; elements
        /// outside group 0000 or running past the end are a format error. Unknown group-0000 elements are skipped.
        /// </summary>
        public static DimseCommand Decode(byte[] bytes, int offset, int count)
        {
            var cmd = new DimseCommand();
            bool sawField = false;
            int end = offset + count;
            int p = offset;
            while (p < end)
            {
                if (end - p < 8) throw new PduFormatException(p - offset, "command set element header truncated");
                ushort group = (ushort)(bytes[p] | bytes[p + 1] << 8);
                ushort element = (ushort)(bytes[p + 2] | bytes[p + 3] << 8);
                uint length = (uint)(bytes[p + 4] | bytes[p + 5] << 8 | bytes[p + 6] << 16 | bytes[p + 7] << 24);
                p += 8;
                if (group != 0x0000) throw new PduFormatException(p - 8 - offset, "command set holds an element outside group 0000");
                if (length > (uint)(end - p)) throw new PduFormatException(p - 4 - offset, "command element length " + length + " runs past the command set");
                int len = (int)length;
                switch (element)
                {
                    case 0x0002: cmd.AffectedSopClassUid = Str(bytes, p, len); break;
                    case 0x0003: cmd.RequestedSopClassUid = Str(bytes, p, len); break;
                    case 0x0100: cmd.CommandField = (DimseCommandField)U16(bytes, p, len); sawField = true; break;
                    case 0x0110: cmd.MessageId = U16(bytes, p, len); break;
                    case 0x0120: cmd.MessageIdBeingRespondedTo = U16(bytes, p, len); break;
                    case 0x0600: cmd.MoveDestination = Str(bytes, p, len); break;
                    case 0x0700: cmd.Priority = U16(bytes, p, len); break;
                    case 0x0800: cmd.CommandDataSetType = U16(bytes, p, len); break;
                    case 0x0900: cmd.Status = U16(bytes, p, len); break;
                    case 0x0902: cmd.ErrorComment = Str(bytes, p, len); break;
                    case 0x1000: cmd.AffectedSopInstanceUid = Str(bytes, p, len); break;
                    case 0x1001: cmd.RequestedSopInstanceUid = Str(bytes, p, len); break;
                    case 0x1020: cmd.RemainingSubOperations = U16(bytes, p, len); break;
                    case 0x1021: cmd.CompletedSubOperations = U16(bytes, p, len); break;
                    case 0x1022: cmd.FailedSubOperations = U16(bytes, p, len); break;
                    case 0x1023: cmd.WarningSubOperations = U16(bytes, p, len); break;
                    case 0x1030: cmd.MoveOriginatorAeTitle = Str(bytes, p, len); break;
                    case 0x1031: cmd.MoveOriginatorMessageId = U16(bytes, p, len); break;
                }
                p += len;
            }
            if (!sawField) throw new PduFormatException(0, "command set has no Command Field (0000,0100)");
            return cmd;
        }

        private static ushort U16(byte[] b, int p, int len)
        {
            if (len != 2) throw new PduFormatException(p, "US command element has length " + len + ", not 2");
            return (ushort)(b[p] | b[p + 1] << 8);
        }

        private static string Str(byte[] b, int p, int len) => Encoding.ASCII.GetString(b, p, len).TrimEnd('\0', ' ');

        private static void Header(Stream s, ushort element, uint length)
        {
            s.WriteByte(0); s.WriteByte(0);
            s.WriteByte((byte)element); s.WriteByte((byte)(element >> 8));
            WriteUInt32(s, length);
        }

        private static void WriteUInt32(Stream s, uint v)
        {
            s.WriteByte((byte)v); s.WriteByte((byte)(v >> 8)); s.WriteByte((byte)(v >> 16)); s.WriteByte((byte)(v >> 24));
        }

        private static void Us(Stream s, ushort element, ushort? value)
        {
            if (!value.HasValue) return;
            Header(s, element, 2);
            s.WriteByte((byte)value.Value); s.WriteByte((byte)(value.Value >> 8));
        }

        /// <summary>UI values are padded with NUL to even length (PS3.5 9.1).</summary>
        private static void Ui(Stream s, ushort element, string? value) => Padded(s, element, value, 0);

        /// <summary>AE/LO values are padded with a space to even length.</summary>
        private static void Text(Stream s, ushort element, string? value) => Padded(s, element, value, (byte)' ');

        private static void Padded(Stream s, ushort element, string? value, byte pad)
        {
            if (value == null) return;
            byte[] b = Encoding.ASCII.GetBytes(value);
            int len = b.Length + (b.Length & 1);
            Header(s, element, (uint)len);
            s.Write(b, 0, b.Length);
            if ((b.Length & 1) == 1) s.WriteByte(pad);
        }

        public override string ToString() => CommandField + (MessageId.HasValue ? " id " + MessageId : "") + (Status.HasValue ? " status " + Status.Value.ToString("X4", CultureInfo.InvariantCulture) : "");
    }
}
