#nullable disable warnings // nullable annotations not finished here yet (issue 17): the warnings are off, the annotations count
using System.Collections.Generic;
using System.Globalization;

namespace HamletPS.Dicom.Network
{
    /// <summary>A-ASSOCIATE-RQ PDU, type 01H (PS3.8 9.3.2).</summary>
    public sealed class AssociateRequestPdu : Pdu
    {
        public override PduType Type => PduType.AssociateRequest;

        public int ProtocolVersion { get; set; } = 1;

        public string? CalledAeTitle { get; set; }

        public string? CallingAeTitle { get; set; }

        public ApplicationContextItem ApplicationContext { get; set; } = new ApplicationContextItem();

        public List<PresentationContextRequestItem> PresentationContexts { get; } = new List<PresentationContextRequestItem>();

        public UserInformationItem UserInformation { get; set; } = new UserInformationItem();

        internal override void WriteBody(PduWriter w)
        {
            AssociationHeader.Write(w, ProtocolVersion, CalledAeTitle, CallingAeTitle);
            ApplicationContext.Write(w);
            foreach (var pc in PresentationContexts) pc.Write(w);
            UserInformation.Write(w);
        }

        internal static AssociateRequestPdu ReadBody(PduParser p)
        {
            var pdu = new AssociateRequestPdu();
            AssociationHeader.Read(p, out int version, out string called, out string calling);
            pdu.ProtocolVersion = version;
            pdu.CalledAeTitle = called;
            pdu.CallingAeTitle = calling;
            pdu.ApplicationContext = null;
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
                    case ItemType.PresentationContextRequest: pdu.PresentationContexts.Add(PresentationContextRequestItem.Read(item)); break;
                    case ItemType.UserInformation: pdu.UserInformation = UserInformationItem.Read(item); break;
                    default: throw new PduFormatException(p.Offset, "item type 0x" + type.ToString("X2", CultureInfo.InvariantCulture) + " is not allowed in an A-ASSOCIATE-RQ");
                }
            }
            if (pdu.ApplicationContext == null) throw new PduFormatException(p.Offset, "A-ASSOCIATE-RQ has no application context item");
            if (pdu.UserInformation == null) throw new PduFormatException(p.Offset, "A-ASSOCIATE-RQ has no user information item");
            return pdu;
        }
    }
}
