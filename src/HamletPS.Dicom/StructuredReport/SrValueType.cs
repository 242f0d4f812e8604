namespace HamletPS.Dicom.StructuredReport
{
    /// <summary>The Value Type (0040,A040) of a content item (PS3.3 C.17.3.2.1), as its defined term.</summary>
    public static class SrValueType
    {
        public const string Container = "CONTAINER";
        public const string Text = "TEXT";
        public const string Code = "CODE";
        public const string Numeric = "NUM";
        public const string DateTime = "DATETIME";
        public const string Date = "DATE";
        public const string Time = "TIME";
        public const string UidReference = "UIDREF";
        public const string PersonName = "PNAME";
        public const string Composite = "COMPOSITE";
        public const string Image = "IMAGE";
    }
}
