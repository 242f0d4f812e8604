#nullable enable
namespace HamletPS.Core.Inventory
{
    /// <summary>What an inventory runs with, decided by <see cref="InventorySetup.CreateOptions"/>.</summary>
    public sealed class InventoryOptions
    {
        public InventoryOptions(HamletPS.Core.Network.DicomPeer peer, InventoryFilter filter, string? logsFolder, string? archiveFolder, string? vaultPath, byte[] vaultKey)
        {
            Peer = peer;
            Filter = filter;
            LogsFolder = logsFolder;
            ArchiveFolder = archiveFolder;
            VaultPath = vaultPath;
            VaultKey = vaultKey;
        }

        public HamletPS.Core.Network.DicomPeer Peer { get; }

        public InventoryFilter Filter { get; }

        /// <summary>The run journals (HAMLET.LOGS).</summary>
        public string? LogsFolder { get; }

        /// <summary>The archives (DATAPATH.OUTGOING).</summary>
        public string? ArchiveFolder { get; }

        /// <summary>The re-identification records (HAMLET.VAULT, or the folder or file given).</summary>
        public string? VaultPath { get; }

        /// <summary>The key of the re-identification records (derived from the site secret).</summary>
        public byte[] VaultKey { get; }

        /// <summary>Reads what was sent (<see cref="SentInstanceIndex.Load"/>) from these folders; the key is cleared afterwards
        /// (it is needed once), so a second call throws.</summary>
        public SentInstanceIndex LoadSent(System.Threading.CancellationToken cancellationToken = default)
        {
            if (_keyCleared) throw new System.InvalidOperationException("The records were read already; the key is cleared.");
            try
            {
                return SentInstanceIndex.Load(LogsFolder, ArchiveFolder, VaultPath, VaultKey, cancellationToken);
            }
            finally
            {
                System.Array.Clear(VaultKey, 0, VaultKey.Length);
                _keyCleared = true;
            }
        }

        private bool _keyCleared;
    }
}
