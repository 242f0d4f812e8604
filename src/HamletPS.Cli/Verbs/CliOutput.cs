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
            Encoding encoding = System.Console.OutputEncoding;
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
            _error.WriteLine("error: " + failure.Reason + ": " + PrintableText.Escape(failure.Message));
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
