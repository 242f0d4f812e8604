using System.Collections.Generic;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// Presentation Context Item in an A-ASSOCIATE-RQ, type 20H (PS3.8 9.3.2.2): one abstract syntax sub-item (30H) and one or
    /// more transfer syntax sub-items (40H) in the requestor's order of preference.
    /// </summary>
    public sealed class PresentationContextRequestItem
    {
        public PresentationContextRequestItem(byte id, string abstractSyntax, IEnumerable<string> transferSyntaxes)
        {
            Id = id;
            AbstractSyntax = abstractSyntax;
            TransferSyntaxes = new List<string>(transferSyntaxes);
        }

        /// <summary>Presentation context ID: odd, 1..255.</summary>
        public byte Id { get; }

        public string AbstractSyntax { get; }

        public IReadOnlyList<string> TransferSyntaxes { get; }

        internal void Write(PduWriter w)
        {
            w.Byte((byte)ItemType.PresentationContextRequest);
            w.Byte(0);
            int len = w.ReserveUInt16();
            w.Byte(Id);
            w.Zeros(3);
            w.StringItem(ItemType.AbstractSyntax, AbstractSyntax);
            foreach (string ts in TransferSyntaxes) w.StringItem(ItemType.TransferSyntax, ts);
            w.PatchUInt16(len);
        }

        internal static PresentationContextRequestItem Read(PduParser body)
        {
            byte id = body.Byte("presentation context ID");
            body.Skip(3, "presentation context reserved bytes");
            string? abstractSyntax = null;
            var transferSyntaxes = new List<string>();
            while (!body.AtEnd)
            {
                byte type = body.Byte("sub-item type");
                body.Skip(1, "sub-item reserved byte");
                int length = body.UInt16("sub-item length");
                string uid = body.Ascii(length, "syntax name");
                if (type == (byte)ItemType.AbstractSyntax) abstractSyntax = uid;
                else if (type == (byte)ItemType.TransferSyntax) transferSyntaxes.Add(uid);
            }
            if (abstractSyntax == null) throw new PduFormatException(body.Offset, "presentation context " + id + " has no abstract syntax sub-item");
            if (transferSyntaxes.Count == 0) throw new PduFormatException(body.Offset, "presentation context " + id + " has no transfer syntax sub-item");
            return new PresentationContextRequestItem(id, abstractSyntax, transferSyntaxes);
        }
    }
}
