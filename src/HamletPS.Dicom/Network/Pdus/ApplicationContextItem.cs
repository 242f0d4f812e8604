namespace HamletPS.Dicom.Network
{
    /// <summary>Application Context Item, type 10H (PS3.8 9.3.2.1, Annex A.2): the DICOM application context name.</summary>
    public sealed class ApplicationContextItem
    {
        /// <summary>The only application context name DICOM defines (PS3.7 Annex A.2.1).</summary>
        public const string DicomApplicationContext = "1.2.840.10008.3.1.1.1";

        public ApplicationContextItem(string name = DicomApplicationContext) => Name = name;

        public string Name { get; }

        internal void Write(PduWriter w) => w.StringItem(ItemType.ApplicationContext, Name);

        internal static ApplicationContextItem Read(PduParser body) => new ApplicationContextItem(body.Ascii(body.End - body.Position, "application context name"));
    }
}
