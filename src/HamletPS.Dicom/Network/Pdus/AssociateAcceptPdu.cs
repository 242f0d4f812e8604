#nullable disable warnings // nullable annotations not finished here yet (issue 17): the warnings are off, the annotations count
using System.Collections.Generic;
using System.Globalization;

namespace HamletPS.Dicom.Network
{
    /// <summary>A-ASSOCIATE-AC PDU, type 02H (PS3.8 9.3.3). AE title fields echo those of the request.</summary>
    public sealed class AssociateAcceptPdu : Pdu
    {
        public override PduType Type => PduType.AssociateAccept;

        public int ProtocolVersion { get; set; } = 1;

        public string? CalledAeTitle { get; set; }

        public string? CallingAeTitle { get; set; }

        public ApplicationContextItem ApplicationContext { get; set; } = new ApplicationContextItem();

        public List<PresentationContextAcceptItem> PresentationContexts { get; } = new List<PresentationContextAcceptItem>();

        public UserInformationItem UserInformation { get; set; } = new UserInformationItem();

        internal override void WriteBody(PduWriter w)
        {
            AssociationHeader.Write(w, ProtocolVersion, CalledAeTitle, CallingAeTitle);
            ApplicationContext.Write(w);
            foreach (var pc in PresentationContexts) pc.Write(w);
            UserInformation.Write(w);
        }

        internal static AssociateAcceptPdu ReadBody(PduParser p)
        {
            var pdu = new AssociateAcceptPdu();
            AssociationHeader.Read(p, out int version, out string called, out string calling);
            pdu.ProtocolVersion = version;
            pdu.CalledAeTitle = called;
            pdu.CallingAeTitle = calling;
            pdu.UserInformation = null;
            while (!p.AtEnd)
            {
                byte type = p.Byte("item type");
                p.Skip(1, "item reserved byte");
                int length = p.UInt16("item length");
                PduParser item = p.Sub(length, "item");
                switch ((ItemType)type)
                {
                    case ItemType.ApplicationContext: pdu.ApplicationContext = ApplicationContextItem.Read(item); break;
                    case ItemType.PresentationContextAccept: pdu.PresentationContexts.Add(PresentationContextAcceptItem.Read(item)); break;
                    case ItemType.UserInformation: pdu.UserInformation = UserInformationItem.Read(item); break;
                    default: throw new PduFormatException(p.Offset, "item type 0x" + type.ToString("X2", CultureInfo.InvariantCulture) + " is not allowed in an A-ASSOCIATE-AC");
                }
            }
            if (pdu.UserInformation == null) throw new PduFormatException(p.Offset, "A-ASSOCIATE-AC has no user information item");
            return pdu;
        }
    }
}
