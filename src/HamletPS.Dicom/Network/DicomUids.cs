namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// The few well-known UIDs the network layer names directly (PS3.6 Table A-1). The generated UID registry of the codec is the
    /// full list; these constants keep the network layer free of lookups on its hot path.
    /// </summary>
    public static class DicomUids
    {
        public const string Verification = "1.2.840.10008.1.1";
        public const string ImplicitVRLittleEndian = "1.2.840.10008.1.2";
        public const string ExplicitVRLittleEndian = "1.2.840.10008.1.2.1";
        public const string EncapsulatedUncompressedExplicitVRLittleEndian = "1.2.840.10008.1.2.1.98";
        public const string DeflatedExplicitVRLittleEndian = "1.2.840.10008.1.2.1.99";
        public const string ExplicitVRBigEndian = "1.2.840.10008.1.2.2";

        /// <summary>Prefix of every transfer syntax UID (1.2.840.10008.1.2.*).</summary>
        public const string TransferSyntaxRoot = "1.2.840.10008.1.2";

        /// <summary>Prefix of the storage SOP classes (1.2.840.10008.5.1.4.1.1.*).</summary>
        public const string StorageRoot = "1.2.840.10008.5.1.4.1.1.";

        /// <summary>HamletPS implementation class UID (a 2.25 UUID-derived root, PS3.5 B.2).</summary>
        public const string ImplementationClassUid = "2.25.186520395913735812633940826735469237851";

        /// <summary>Implementation version name (max 16 characters).</summary>
        public const string ImplementationVersionName = "HAMLETPS_0.1";

        /// <summary>
        /// True for a syntactically valid UID (PS3.5 9.1): 1..64 characters, digits and dots, no empty component, no leading
        /// zero in a multi-digit component. Safe to use as a file name.
        /// </summary>
        public static bool IsValidUid(string uid)
        {
            if (string.IsNullOrEmpty(uid) || uid.Length > 64) return false;
            int componentStart = 0;
            for (int i = 0; i <= uid.Length; i++)
            {
                if (i == uid.Length || uid[i] == '.')
                {
                    int len = i - componentStart;
                    if (len == 0) return false;
                    if (len > 1 && uid[componentStart] == '0') return false;
                    componentStart = i + 1;
                }
                else if (uid[i] < '0' || uid[i] > '9') return false;
            }
            return true;
        }
    }
}
