#nullable enable
namespace HamletPS.Core.Cleanup
{
    /// <summary>What <see cref="HamletFolderCleaner"/> did with one file. Paths below INCOMING/SORTED may name a patient: site only.</summary>
    public sealed class ClearedFile
    {
        public string? Path { get; set; }

        /// <summary>"Incoming" or "Sorted".</summary>
        public string? Folder { get; set; }

        public ClearStatus Status { get; set; }

        /// <summary>Why a file was kept or failed; null when deleted.</summary>
        public string? Reason { get; set; }
    }
}
