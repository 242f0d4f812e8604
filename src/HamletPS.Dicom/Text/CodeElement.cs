namespace HamletPS.Dicom.Text
{
    /// <summary>The ISO 2022 code element a graphic character set is designated to (PS3.5 6.1.2.5).</summary>
    internal enum CodeElement
    {
        /// <summary>G0, invoked into GL (bytes 0x21-0x7E).</summary>
        G0,

        /// <summary>G1, invoked into GR (bytes 0xA0/0xA1-0xFE/0xFF).</summary>
        G1,
    }
}
