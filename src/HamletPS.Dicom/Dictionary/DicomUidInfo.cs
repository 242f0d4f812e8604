namespace HamletPS.Dicom.Dictionary
{
    /// <summary>One entry of the PS3.6 UID registry.</summary>
    public sealed class DicomUidInfo
    {
        internal DicomUidInfo(string uid, string name, string type, string info, bool retired, string keyword)
        {
            Uid = uid; Name = name; Type = type; Info = info; IsRetired = retired; Keyword = keyword;
        }

        public string Uid { get; }

        public string Name { get; }

        /// <summary>"Transfer Syntax", "SOP Class", "Well-known SOP Instance", "Coding Scheme", …</summary>
        public string Type { get; }

        public string Info { get; }

        public bool IsRetired { get; }

        public string Keyword { get; }

        /// <summary>The Type of transfer syntax entries.</summary>
        internal const string TransferSyntaxType = "Transfer Syntax";

        public bool IsTransferSyntax => Type == TransferSyntaxType;

        public bool IsSopClass => Type == "SOP Class" || Type == "Meta SOP Class";

        /// <summary>
        /// A storage SOP class (PS3.4 Annex B, C-STORE), retired ones included: a SOP class named "… Storage", "… Storage - …"
        /// or "… Storage SOP Class", except Storage Commitment and Media Storage Directory (DICOMDIR, media only).
        /// </summary>
        public bool IsStorageSopClass =>
            Type == "SOP Class" && Name.IndexOf("Storage", System.StringComparison.Ordinal) >= 0
            && !Name.StartsWith("Storage Commitment", System.StringComparison.Ordinal)
            && Uid != DicomUids.MediaStorageDirectoryStorage;

        public override string ToString() => Uid + " " + Name;
    }
}
