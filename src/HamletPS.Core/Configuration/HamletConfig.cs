using System;
using System.Collections.Generic;

namespace HamletPS.Core.Configuration
{
    /// <summary>
    /// A site configuration: the HTP sections (APP, DATAPATH, DICOMNODE, CIPHER, AZURE) read as sites already have them, and
    /// HamletPS's own optional sections (HAMLET, UPLOAD). Paths are absolute after loading. Explicit parameters may override
    /// properties after loading. <see cref="LocationOf"/> gives the line of a key for messages.
    /// </summary>
    public sealed class HamletConfig
    {
        public HamletConfig()
        {
            Locations = new Dictionary<string, ConfigLocation>(StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>The file it was read from (absolute), or null for an in-memory config.</summary>
        public string SourcePath { get; set; }
        /// <summary>The folder relative paths are resolved against.</summary>
        public string BaseDirectory { get; set; }

        public AppSettings App { get; } = new AppSettings();
        public DataPathSettings DataPath { get; } = new DataPathSettings();
        public DicomNodeSettings DicomNode { get; } = new DicomNodeSettings();
        public CipherSettings Cipher { get; } = new CipherSettings();
        public AzureSettings Azure { get; } = new AzureSettings();
        public HamletSettings Hamlet { get; } = new HamletSettings();
        public UploadSettings Upload { get; } = new UploadSettings();
        /// <summary>The optional PACS section: where `hamlet process` pulls from.</summary>
        public PacsSettings Pacs { get; } = new PacsSettings();

        /// <summary>Where each "SECTION" and "SECTION.KEY" was written.</summary>
        public IDictionary<string, ConfigLocation> Locations { get; }

        /// <summary>Line/column of "SECTION.KEY" (or of its section when the key is absent); null when neither was written.</summary>
        public ConfigLocation LocationOf(string section, string key = null)
        {
            if (key != null && Locations.TryGetValue(section + "." + key, out var exact)) return exact;
            return Locations.TryGetValue(section, out var sectionLocation) ? sectionLocation : null;
        }

        public override string ToString() => "HamletConfig(" + (SourcePath ?? "(in memory)") + ", site " + (App.Site ?? "(none)") + ")";
    }
}
