namespace HamletPS.Dicom.Text
{
    /// <summary>How a text value is decoded: person names switch character sets per component group, codes are ASCII.</summary>
    public enum DicomTextKind
    {
        /// <summary>SH, LO, ST, LT, UT, UC: text in the dataset's specific character set(s).</summary>
        Text,

        /// <summary>PN: '^' components and '=' component groups, each group may switch character set (ISO 2022).</summary>
        PersonName,

        /// <summary>AE, AS, CS, DA, DS, DT, IS, TM, UI, UR: the default repertoire (ASCII) whatever the dataset declares.</summary>
        Code,
    }
}
