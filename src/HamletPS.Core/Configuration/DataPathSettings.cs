namespace HamletPS.Core.Configuration
{
    /// <summary>
    /// DATAPATH section: the incoming, sorted and outgoing folders. Paths are stored as written minus any trailing separator
    /// (the old guide asked for one; we accept both); relative paths are taken relative to the config file's folder.
    /// </summary>
    public sealed class DataPathSettings
    {
        public string Incoming { get; set; }
        public string Sorted { get; set; }
        public string Outgoing { get; set; }
    }
}
