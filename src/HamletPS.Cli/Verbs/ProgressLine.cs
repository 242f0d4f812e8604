using System;
using System.Globalization;
using System.IO;
using HamletPS.Core;
using HamletPS.Core.Upload;

namespace HamletPS.Cli.Verbs
{
    /// <summary>
    /// The CLI's progress: one line on standard error with percent, MB/s and ETA, rewritten in place (carriage return) on a
    /// terminal a few times a second (Core already reports at most every 250 ms); when standard error is redirected, a full
    /// line at most every few seconds so logs stay short.
    /// </summary>
    public sealed class ProgressLine : IProgress<UploadProgress>
    {
        private readonly TextWriter _writer;
        private readonly bool _inPlace;
        private readonly ProgressThrottle _throttle;
        private readonly object _gate = new object();
        private int _width;

        public ProgressLine(TextWriter writer, bool inPlace, TimeSpan? interval = null)
        {
            _writer = writer;
            _inPlace = inPlace;
            _throttle = new ProgressThrottle(interval ?? (inPlace ? TimeSpan.Zero : TimeSpan.FromSeconds(5)));
        }

        /// <summary>Standard error, in place when it is a terminal.</summary>
        public static ProgressLine ForConsole() => new ProgressLine(Console.Error, !Console.IsErrorRedirected);

        public void Report(UploadProgress p)
        {
            string text = HamletPS.Core.PrintableText.Escape(Format(p));
            lock (_gate)
            {
                if (!_throttle.TryEnter(force: p.Completed)) return;
                if (_inPlace)
                {
                    _writer.Write("\r" + text.PadRight(_width));
                    _width = text.Length;
                    if (p.Completed) { _writer.WriteLine(); _width = 0; }
                }
                else
                {
                    _writer.WriteLine(text);
                }
                _writer.Flush();
            }
        }

        public static string Format(UploadProgress p)
        {
            var c = CultureInfo.InvariantCulture;
            string eta = p.Completed ? "done" : p.Eta.HasValue ? "ETA " + UploadProgress.FormatEta(p.Eta.Value) : "ETA --:--";
            return p.Name + "  " + p.PercentComplete.ToString(c).PadLeft(3) + "%  " + (p.BytesDone / 1e6).ToString("0.0", c) + "/" +
                   (p.TotalBytes / 1e6).ToString("0.0", c) + " MB  " + p.MegabytesPerSecond.ToString("0.0", c) + " MB/s  " + eta;
        }
    }
}
