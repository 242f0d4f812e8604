using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HamletPS.Core;

namespace HamletPS.Cli.Verbs
{
    /// <summary>
    /// How verbs write: results to standard output (text or one JSON object per line), failures to standard error. Every text
    /// line goes through <see cref="PrintableText.Escape"/>: values, UIDs and file names from senders and folders can hold
    /// newlines or terminal escape sequences, and must not forge a line or reach the terminal as control. JSON lines are escaped
    /// by the serializer (control characters as \uXXXX), and what its relaxed encoder leaves raw (bidi controls, line
    /// separators, DEL, C1) by <see cref="PrintableText.EscapeJson"/>.
    /// </summary>
    public sealed class CliOutput
    {
        private readonly TextWriter _out;
        private readonly TextWriter _error;

        public CliOutput(TextWriter output, TextWriter error)
        {
            _out = output;
            _error = error;
        }

        public static CliOutput Console { get; } = new CliOutput(System.Console.Out, System.Console.Error);

        /// <summary>
        /// Standard output through a 64 KiB buffer (System.Console.Out writes every line through to the descriptor). For verbs
        /// that print many short lines and end soon (inspect); the buffer is flushed before every error line, so standard output
        /// and standard error keep their order, and by <see cref="Flush"/>, which the verb must call when it ends.
        /// </summary>
        public static CliOutput CreateBufferedConsole()
        {
            Encoding encoding = System.Console.Out.Encoding; // the console's, or UTF-8 for --json (JsonConsole)
            if (encoding.CodePage == 65001) encoding = new UTF8Encoding(false); // no byte order mark at the start of a redirected file
            var stdout = new StreamWriter(System.Console.OpenStandardOutput(), encoding, 64 * 1024) { AutoFlush = false };
            return new CliOutput(stdout, System.Console.Error);
        }

        /// <summary>Writes out what a buffered writer holds.</summary>
        public void Flush() => _out.Flush();

        /// <summary>Failures written so far (the exit code is 1 when there were any).</summary>
        public int Failures { get; private set; }

        public void Line(string text) => _out.WriteLine(PrintableText.Escape(text));

        /// <summary>One JSON line through source-generated metadata (no reflection at run time).</summary>
        public void Json<T>(T value, JsonTypeInfo<T> typeInfo) => _out.WriteLine(PrintableText.EscapeJson(JsonSerializer.Serialize(value, typeInfo)));

        public void Warning(string text)
        {
            _out.Flush();
            _error.WriteLine("warning: " + PrintableText.Escape(text));
        }

        public void Failure(FileFailure failure)
        {
            Failures++;
            _out.Flush();
            string message = failure.Exception is HamletException ours ? Describe(ours) : failure.Message;
            _error.WriteLine("error: " + failure.Reason + ": " + PrintableText.Escape(message));
        }

        /// <summary>
        /// Reports an engine error ("error: &lt;ErrorId&gt;: &lt;message&gt;", the remedy naming `hamlet`'s options) and returns
        /// its exit code: 2 for a set-up error (nothing was touched), 1 for a failed input.
        /// </summary>
        public int Failure(HamletException exception)
        {
            Failure(exception.ErrorId, Describe(exception));
            return ExitCodeOf(exception);
        }

        /// <summary>The exit code of an engine error: 2 when the settings cannot be used, 1 when an input failed.</summary>
        public static int ExitCodeOf(HamletException exception) => exception.IsSetup ? 2 : 1;

        /// <summary>The message and the remedy, each setting written as `hamlet`'s option (--force).</summary>
        public static string Describe(HamletException exception) => exception.Describe(OptionName);

        /// <summary>A setting (a cmdlet's parameter name, e.g. ConnectionString) as `hamlet`'s option: --connection-string.</summary>
        public static string OptionName(string setting)
        {
            var sb = new StringBuilder("--", setting.Length + 8);
            for (int i = 0; i < setting.Length; i++)
            {
                char c = setting[i];
                bool boundary = i > 0 && char.IsUpper(c) && (char.IsLower(setting[i - 1]) || (i + 1 < setting.Length && char.IsLower(setting[i + 1])));
                if (boundary) sb.Append('-');
                sb.Append(char.ToLowerInvariant(c));
            }
            return sb.ToString();
        }

        public void Failure(string reason, string message)
        {
            Failures++;
            _out.Flush();
            _error.WriteLine("error: " + reason + ": " + PrintableText.Escape(message));
        }

        /// <summary>0 when everything worked, 1 when any input failed.</summary>
        public int ExitCode => Failures == 0 ? 0 : 1;
    }
}
