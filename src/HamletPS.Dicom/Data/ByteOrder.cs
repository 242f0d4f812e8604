namespace HamletPS.Dicom.Data
{
    /// <summary>In-place byte swapping of 2-, 4- and 8-byte units (little &lt;-&gt; big endian).</summary>
    internal static class ByteOrder
    {
        public static void SwapInPlace(byte[] b, int offset, int count, int unit)
        {
            int end = offset + count - (count % unit);
            switch (unit)
            {
                case 2:
                    for (int i = offset; i < end; i += 2) { byte t = b[i]; b[i] = b[i + 1]; b[i + 1] = t; }
                    break;
                case 4:
                    for (int i = offset; i < end; i += 4)
                    {
                        byte t0 = b[i], t1 = b[i + 1];
                        b[i] = b[i + 3]; b[i + 1] = b[i + 2]; b[i + 2] = t1; b[i + 3] = t0;
                    }
                    break;
                case 8:
                    for (int i = offset; i < end; i += 8)
                        for (int j = 0; j < 4; j++) { byte t = b[i + j]; b[i + j] = b[i + 7 - j]; b[i + 7 - j] = t; }
                    break;
            }
        }
    }
}
