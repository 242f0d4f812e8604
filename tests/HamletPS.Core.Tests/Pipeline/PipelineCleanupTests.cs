using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HamletPS.Core.Configuration;
using HamletPS.Core.Pipeline;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Core.Tests.Pipeline
{
    /// <summary>
    /// An antivirus scanner or backup agent holding a protected file after the archive is written must not turn the finished
    /// run into an error: the run is recorded complete first, the clean-up is best effort, and a later run finishes it.
    /// </summary>
    public sealed class PipelineCleanupTests : IDisposable
    {
        private readonly TempFolder _temp = new TempFolder();

        public void Dispose() => _temp.Dispose();

        private HamletConfig Site()
        {
            SampleData.Write(_temp.Path);
            foreach (string file in Directory.EnumerateFiles(Path.Combine(_temp.Path, "data", "incoming"), "*", SearchOption.AllDirectories))
                File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-5));
            return HamletConfigLoader.Load(Path.Combine(_temp.Path, "config.yaml"));
        }

        private static HamletPipelineOptions Options(HamletConfig config)
        {
            var options = HamletPipelineOptions.FromConfig(config);
            options.SettleTime = TimeSpan.Zero;
            return options;
        }

        [Fact]
        public void CleanupFailure_AfterTheArchive_StillRecordsRunComplete_AndTheNextRunRemovesTheFolder()
        {
            HamletConfig config = Site();
            HamletPipelineOptions options = Options(config);
            string heldFolder = null;
            options.DeleteRunFolder = folder =>
            {
                heldFolder = folder;
                throw new IOException("The process cannot access the file because it is being used by another process.", unchecked((int)0x80070020));
            };
            var messages = new List<string>();

            PipelineSummary first = new HamletPipeline(options).Run(new Immediate(messages.Add));

            Assert.True(first.Succeeded);
            Assert.Single(first.Archives);
            Assert.Equal("Processing complete", messages.Last());
            Assert.Contains(messages, m => m.Contains("could not be removed yet"));
            string[] events = File.ReadAllLines(first.JournalPath).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()).ToArray();
            Assert.Contains("run-complete", events);
            Assert.Contains("cleanup-incomplete", events);
            Assert.DoesNotContain("error", events);
            Assert.True(Directory.Exists(heldFolder));

            PipelineSummary second = new HamletPipeline(Options(config)).Run();

            Assert.NotEqual(first.RunId, second.RunId);           // the finished run is not resumed
            Assert.Empty(second.Archives);                        // nor archived again
            Assert.Equal(0, second.Protected);
            Assert.False(Directory.Exists(heldFolder), "the later run removes the folder the scanner held");
        }

        private sealed class Immediate : IProgress<string>
        {
            private readonly Action<string> _action;
            public Immediate(Action<string> action) { _action = action; }
            public void Report(string value) { lock (this) _action(value); }
        }
    }
}
