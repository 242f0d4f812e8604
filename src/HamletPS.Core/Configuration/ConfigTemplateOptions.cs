namespace HamletPS.Core.Configuration
{
    /// <summary>Values for a new configuration file (New-HamletConfig).</summary>
    public sealed class ConfigTemplateOptions
    {
        public string Site { get; set; } = "mysite";
        public string User { get; set; } = "";
        /// <summary>Folder holding incoming/, sorted/ and outgoing/ (relative to the config file when not absolute). Default: the config file's folder.</summary>
        public string DataFolder { get; set; }
        public string AeTitle { get; set; } = DicomNodeSettings.DefaultAeTitle;
        public int Port { get; set; } = DicomNodeSettings.DefaultPort;
        /// <summary>Create the incoming, sorted and outgoing folders when missing.</summary>
        public bool CreateFolders { get; set; } = true;
        /// <summary>
        /// Write a new random key (32 letters and digits) to this file and point CIPHER FOLDERKEYFILE at it (relative to the config
        /// file when not absolute); null writes no key (the site sets HAMLET_FOLDERKEY or edits the file).
        /// </summary>
        public string KeyFile { get; set; } = "folderkey.txt";
        /// <summary>Overwrite an existing config file.</summary>
        public bool Force { get; set; }
    }
}
