namespace HamletPS.Core.Sorting
{
    /// <summary>PS3.5 9.1: a UID is 1–64 characters, digits and dots, no empty component, no leading zero in a multi-digit component.</summary>
    public static class DicomUidFormat
    {
        public static bool IsValid(string uid)
        {
            if (string.IsNullOrEmpty(uid) || uid.Length > 64) return false;
            int componentStart = 0;
            for (int i = 0; i <= uid.Length; i++)
            {
                if (i == uid.Length || uid[i] == '.')
                {
                    int length = i - componentStart;
                    if (length == 0) return false;
                    if (length > 1 && uid[componentStart] == '0') return false;
                    componentStart = i + 1;
                    continue;
                }
                if (uid[i] < '0' || uid[i] > '9') return false;
            }
            return true;
        }
    }
}
