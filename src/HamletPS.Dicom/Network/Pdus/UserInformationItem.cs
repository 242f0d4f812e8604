using System.Collections.Generic;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// User Information Item, type 50H (PS3.8 9.3.2.3, PS3.7 Annex D.3.3): maximum length (51H), implementation class UID (52H),
    /// asynchronous operations window (53H), SCP/SCU role selection (54H), implementation version name (55H), user identity
    /// (58H/59H). Sub-items we do not interpret (extended negotiation) are skipped on read.
    /// </summary>
    public sealed class UserInformationItem
    {
        /// <summary>Maximum length of a P-DATA-TF PDU's variable field the sender can receive; 0 means unlimited (D.1.1).</summary>
        public uint MaximumLength { get; set; }

        public string? ImplementationClassUid { get; set; }

        /// <summary>Up to 16 characters; null when absent.</summary>
        public string? ImplementationVersionName { get; set; }

        /// <summary>Maximum number of operations invoked; null when the sub-item is absent (default 1).</summary>
        public int? MaxOperationsInvoked { get; set; }

        public int? MaxOperationsPerformed { get; set; }

        public List<RoleSelectionSubItem> RoleSelections { get; } = new List<RoleSelectionSubItem>();

        public UserIdentityRequestSubItem? UserIdentityRequest { get; set; }

        public UserIdentityAcceptSubItem? UserIdentityAccept { get; set; }

        internal void Write(PduWriter w)
        {
            w.Byte((byte)ItemType.UserInformation);
            w.Byte(0);
            int len = w.ReserveUInt16();

            w.Byte((byte)ItemType.MaximumLength);
            w.Byte(0);
            w.UInt16(4);
            w.UInt32(MaximumLength);

            if (ImplementationClassUid != null) w.StringItem(ItemType.ImplementationClassUid, ImplementationClassUid);

            if (MaxOperationsInvoked.HasValue || MaxOperationsPerformed.HasValue)
            {
                w.Byte((byte)ItemType.AsynchronousOperationsWindow);
                w.Byte(0);
                w.UInt16(4);
                w.UInt16(MaxOperationsInvoked ?? 1);
                w.UInt16(MaxOperationsPerformed ?? 1);
            }

            foreach (var role in RoleSelections) role.Write(w);

            if (ImplementationVersionName != null) w.StringItem(ItemType.ImplementationVersionName, ImplementationVersionName);

            UserIdentityRequest?.Write(w);
            UserIdentityAccept?.Write(w);
            w.PatchUInt16(len);
        }

        internal static UserInformationItem Read(PduParser body)
        {
            var item = new UserInformationItem();
            while (!body.AtEnd)
            {
                byte type = body.Byte("user information sub-item type");
                body.Skip(1, "sub-item reserved byte");
                int length = body.UInt16("sub-item length");
                PduParser sub = body.Sub(length, "user information sub-item");
                switch ((ItemType)type)
                {
                    case ItemType.MaximumLength:
                        item.MaximumLength = sub.UInt32("maximum length");
                        break;
                    case ItemType.ImplementationClassUid:
                        item.ImplementationClassUid = sub.Ascii(length, "implementation class UID");
                        break;
                    case ItemType.AsynchronousOperationsWindow:
                        item.MaxOperationsInvoked = sub.UInt16("maximum operations invoked");
                        item.MaxOperationsPerformed = sub.UInt16("maximum operations performed");
                        break;
                    case ItemType.RoleSelection:
                        item.RoleSelections.Add(RoleSelectionSubItem.Read(sub));
                        break;
                    case ItemType.ImplementationVersionName:
                        item.ImplementationVersionName = sub.Ascii(length, "implementation version name");
                        break;
                    case ItemType.UserIdentityRequest:
                        item.UserIdentityRequest = UserIdentityRequestSubItem.Read(sub);
                        break;
                    case ItemType.UserIdentityAccept:
                        item.UserIdentityAccept = UserIdentityAcceptSubItem.Read(sub);
                        break;
                }
            }
            return item;
        }
    }
}
