using System;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using HamletPS.Core;

namespace HamletPS.Cli.Verbs
{
    /// <summary>How verbs write: results to standard output (text or one JSON object per line), failures to standard error.</summary>
    public sealed class CliOutput
    {
        private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = false,
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        };

        private readonly TextWriter _out;
        private readonly TextWriter _error;

        public CliOutput(TextWriter output, TextWriter error)
        {
            _out = output;
            _error = error;
        }

        public static CliOutput Console { get; } = new CliOutput(System.Console.Out, System.Console.Error);

        /// <summary>Failures written so far (the exit code is 1 when there were any).</summary>
        public int Failures { get; private set; }

        public void Line(string text) => _out.WriteLine(text);

        public void Json(object value) => _out.WriteLine(JsonSerializer.Serialize(value, value.GetType(), JsonOptions));

        public void Warning(string text) => _error.WriteLine("warning: " + text);

        public void Failure(FileFailure failure)
        {
            Failures++;
            _error.WriteLine("error: " + failure.Reason + ": " + failure.Message);
        }

        public void Failure(string reason, string message)
        {
            Failures++;
            _error.WriteLine("error: " + reason + ": " + message);
        }

        /// <summary>0 when everything worked, 1 when any input failed.</summary>
        public int ExitCode => Failures == 0 ? 0 : 1;
    }
}
