#nullable disable warnings // nullable annotations not finished here yet (issue 17): the warnings are off, the annotations count
using System;
using System.Collections.Generic;
using System.Globalization;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// What the A-ASSOCIATE-RQ and -AC PDUs share (PS3.8 9.3.2 and 9.3.3): the header (protocol version, AE titles), the
    /// application context, one presentation context item per context (the request's or the accept's form) and the user
    /// information; reading checks that only the items allowed in the PDU occur.
    /// </summary>
    public abstract class AssociatePdu<TContextItem> : Pdu
    {
        public int ProtocolVersion { get; set; } = 1;

        public string? CalledAeTitle { get; set; }

        public string? CallingAeTitle { get; set; }

        public ApplicationContextItem ApplicationContext { get; set; } = new ApplicationContextItem();

        public List<TContextItem> PresentationContexts { get; } = new List<TContextItem>();

        public UserInformationItem UserInformation { get; set; } = new UserInformationItem();

        private protected abstract void WriteContext(PduWriter w, TContextItem item);

        internal override void WriteBody(PduWriter w)
        {
            AssociationHeader.Write(w, ProtocolVersion, CalledAeTitle, CallingAeTitle);
            ApplicationContext.Write(w);
            foreach (var pc in PresentationContexts) WriteContext(w, pc);
            UserInformation.Write(w);
        }

        /// <summary>Reads the body into <paramref name="pdu"/>: the header, then items of the three kinds allowed.</summary>
        private protected static TPdu ReadBody<TPdu>(PduParser p, TPdu pdu, ItemType contextType, Func<PduParser, TContextItem> readContext,
            string name, bool applicationContextRequired)
            where TPdu : AssociatePdu<TContextItem>
        {
            AssociationHeader.Read(p, out int version, out string called, out string calling);
            pdu.ProtocolVersion = version;
            pdu.CalledAeTitle = called;
            pdu.CallingAeTitle = calling;
            if (applicationContextRequired) pdu.ApplicationContext = null;
            pdu.UserInformation = null;
            while (!p.AtEnd)
            {
                byte type = p.Byte("item type");
                p.Skip(1, "item reserved byte");
                int length = p.UInt16("item length");
                PduParser item = p.Sub(length, "item");
                if (type == (byte)ItemType.ApplicationContext) pdu.ApplicationContext = ApplicationContextItem.Read(item);
                else if (type == (byte)contextType) pdu.PresentationContexts.Add(readContext(item));
                else if (type == (byte)ItemType.UserInformation) pdu.UserInformation = UserInformationItem.Read(item);
                else throw new PduFormatException(p.Offset, "item type 0x" + type.ToString("X2", CultureInfo.InvariantCulture) + " is not allowed in an " + name);
            }
            if (pdu.ApplicationContext == null) throw new PduFormatException(p.Offset, name + " has no application context item");
            if (pdu.UserInformation == null) throw new PduFormatException(p.Offset, name + " has no user information item");
            return pdu;
        }
    }
}
