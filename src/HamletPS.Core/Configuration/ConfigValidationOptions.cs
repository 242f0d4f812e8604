using System;

namespace HamletPS.Core.Configuration
{
    /// <summary>What <see cref="HamletConfigValidator"/> checks beyond the file's own content.</summary>
    public sealed class ConfigValidationOptions
    {
        /// <summary>Check that INCOMING, SORTED and OUTGOING exist (default true).</summary>
        public bool CheckFolders { get; set; } = true;
        /// <summary>Read the mapping file and compare the Vigenère key with its longest MRN (default true).</summary>
        public bool CheckMappingFile { get; set; } = true;
        /// <summary>An explicit folder key (e.g. -Key), checked instead of the configured sources.</summary>
        public char[] FolderKey { get; set; }
        /// <summary>Environment lookup; defaults to the process environment.</summary>
        public Func<string, string> Environment { get; set; }
    }
}
