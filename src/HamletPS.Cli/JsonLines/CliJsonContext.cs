using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using HamletPS.Core.Cleanup;
using HamletPS.Core.Dose;
using HamletPS.Core.Heartbeat;
using HamletPS.Core.Inspection;
using HamletPS.Core.Inventory;
using HamletPS.Core.Network;
using HamletPS.Core.Retrieve;
using HamletPS.Core.Review;
using HamletPS.Core.Sorting;

namespace HamletPS.Cli.JsonLines
{
    /// <summary>
    /// Compile-time JSON metadata for every `--json` line hamlet prints: no reflection and no code generation at run time, which
    /// the native (ahead-of-time compiled) hamlet does not have. Properties come out in declaration order, enums as their names,
    /// non-ASCII text unescaped.
    /// </summary>
    [JsonSourceGenerationOptions(UseStringEnumConverter = true)]
    [JsonSerializable(typeof(DicomFileSummary))]
    [JsonSerializable(typeof(DicomElementRow))]
    [JsonSerializable(typeof(DoseReport))]
    [JsonSerializable(typeof(DoseHistoryImportResult))]
    [JsonSerializable(typeof(DoseHistoryEntry))]
    [JsonSerializable(typeof(DoseStationSummary))]
    [JsonSerializable(typeof(ReviewReportResult))]
    [JsonSerializable(typeof(SortedDicomFile))]
    [JsonSerializable(typeof(ClearedFile))]
    [JsonSerializable(typeof(DicomEchoResult))]
    [JsonSerializable(typeof(HeartbeatResult))]
    [JsonSerializable(typeof(SentDicomFile))]
    [JsonSerializable(typeof(ReceivedDicomFile))]
    [JsonSerializable(typeof(DicomQueryResult))]
    [JsonSerializable(typeof(DicomRetrieveSummary))]
    [JsonSerializable(typeof(InventoryStudy))]
    [JsonSerializable(typeof(ProtectedFileLine))]
    [JsonSerializable(typeof(UnprotectedFileLine))]
    [JsonSerializable(typeof(ArchiveLine))]
    [JsonSerializable(typeof(ProcessSummaryLine))]
    [JsonSerializable(typeof(ConfigLine))]
    [JsonSerializable(typeof(ConfigFindingLine))]
    [JsonSerializable(typeof(ShareItemLine))]
    [JsonSerializable(typeof(ShareConnectionLine))]
    [JsonSerializable(typeof(SmbCopyLine))]
    [JsonSerializable(typeof(ShareUploadLine))]
    internal sealed partial class CliJsonContext : JsonSerializerContext
    {
        /// <summary>The context with the options every line uses.</summary>
        public static CliJsonContext Relaxed { get; } = new CliJsonContext(new JsonSerializerOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = false,
        });
    }
}
