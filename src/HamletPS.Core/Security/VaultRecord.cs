namespace HamletPS.Core.Security
{
    /// <summary>One opened vault record: its id (e.g. the new SOP Instance UID) and the decrypted payload.</summary>
    public sealed class VaultRecord
    {
        public VaultRecord(string id, byte[] payload)
        {
            Id = id;
            Payload = payload;
        }

        public string Id { get; }
        public byte[] Payload { get; }
    }
}
