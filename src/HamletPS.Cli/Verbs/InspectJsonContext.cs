using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using HamletPS.Core.Inspection;

namespace HamletPS.Cli.Verbs
{
    /// <summary>
    /// Compile-time JSON metadata for `hamlet inspect --json` (one object per file or element): no reflection or code generation
    /// when the process starts, and the same output as <see cref="CliOutput.Json(object)"/> (declaration order, relaxed escaping).
    /// </summary>
    [JsonSerializable(typeof(DicomFileSummary))]
    [JsonSerializable(typeof(DicomElementRow))]
    internal sealed partial class InspectJsonContext : JsonSerializerContext
    {
        /// <summary>The context with the options every verb's JSON uses.</summary>
        public static InspectJsonContext Relaxed { get; } = new InspectJsonContext(new JsonSerializerOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = false,
        });
    }
}
