using System.Text.Json.Serialization;

namespace HamletPS.Core.Upload
{
    /// <summary>Compile-time JSON metadata for upload ledgers: no reflection at run time (the native hamlet has none to offer).</summary>
    [JsonSourceGenerationOptions(WriteIndented = true)]
    [JsonSerializable(typeof(UploadLedger))]
    internal sealed partial class UploadLedgerJsonContext : JsonSerializerContext
    {
    }
}
