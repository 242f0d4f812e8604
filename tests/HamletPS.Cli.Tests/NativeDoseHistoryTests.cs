using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>
    /// The dose history through the native hamlet (its bundled e_sqlite3 beside the executable) and the managed one: the
    /// same import, history and CSV export from both; the native import run by several processes at once into one database
    /// stores every report once.
    /// </summary>
    public sealed class NativeDoseHistoryTests : ScratchFolderTest
    {
        public NativeDoseHistoryTests() : base("hamlet-dosehist-") { }

        private string Site(string name)
        {
            string site = Path.Combine(Root, name);
            SampleData.Write(site);
            DoseReportFiles.Make(Path.Combine(site, "dose", "ct.dcm"), "ct", 1);
            DoseReportFiles.Make(Path.Combine(site, "dose", "rf.dcm"), "rf", 2);
            DoseReportFiles.Make(Path.Combine(site, "dose", "mg.dcm"), "mg", 3);
            return site;
        }

        private static HamletExecutables.Run Hamlet(bool native, string site, params string[] args)
        {
            HamletExecutables.Run run = HamletExecutables.Start(native, site, null, args);
            return new HamletExecutables.Run { Code = run.Code, Out = run.Out.Replace(site, "<site>"), Err = run.Err.Replace(site, "<site>") };
        }

        [Fact]
        public void ImportHistoryAndCsvExport_AreTheManagedOutput()
        {
            string native = Site("native"), managed = Site("managed");
            foreach (string[] args in new[]
                     {
                         new[] { "dose", "import", "dose", "--config-path", "config.yaml" },
                         new[] { "dose", "import", "dose", "--config-path", "config.yaml", "--json" },
                         new[] { "dose", "history", "--config-path", "config.yaml" },
                         new[] { "dose", "history", "--config-path", "config.yaml", "--summary", "--json" },
                         new[] { "dose", "export", "export.csv", "--config-path", "config.yaml" },
                     })
            {
                HamletExecutables.Run n = Hamlet(true, native, args), m = Hamlet(false, managed, args);
                Assert.True(n.Code == 0, string.Join(" ", args) + ": " + n);
                Assert.Equal(m.Out, n.Out);
                Assert.Equal(m.Err, n.Err);
            }
            Assert.Equal(File.ReadAllText(Path.Combine(managed, "export.csv")), File.ReadAllText(Path.Combine(native, "export.csv")));
            Assert.True(File.Exists(Path.Combine(native, "dose-history.sqlite")));
            string second = Hamlet(true, native, "dose", "import", "dose", "--config-path", "config.yaml", "--json").Out;
            Assert.All(second.Split('\n', StringSplitOptions.RemoveEmptyEntries),
                line => Assert.Equal("Unchanged", JsonDocument.Parse(line).RootElement.GetProperty("Status").GetString()));
        }

        [Fact]
        public void SeveralNativeImportsAtOnce_StoreEachReportOnce()
        {
            string site = Path.Combine(Root, "concurrent");
            SampleData.Write(site);
            // Six folders of four reports; each of four processes imports three overlapping folders.
            for (int f = 0; f < 6; f++)
                for (int r = 0; r < 4; r++)
                    DoseReportFiles.Make(Path.Combine(site, "in" + f, "r" + r + ".dcm"), r % 2 == 0 ? "ct" : "rf", 100 + f * 4 + r);
            var errors = new ConcurrentQueue<string>();
            var added = new int[4];
            Thread[] writers = Enumerable.Range(0, 4).Select(w => new Thread(() =>
            {
                string[] folders = Enumerable.Range(0, 3).Select(i => "in" + ((w + i * 2) % 6)).ToArray();
                var run = HamletExecutables.Start(true, site, null, new[] { "dose", "import" }.Concat(folders).Concat(new[] { "--config-path", "config.yaml", "--json" }).ToArray());
                if (run.Code != 0) errors.Enqueue(run.ToString());
                added[w] = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Count(l => JsonDocument.Parse(l).RootElement.GetProperty("Status").GetString() == "Added");
            })).ToArray();
            foreach (Thread t in writers) t.Start();
            foreach (Thread t in writers) t.Join();
            Assert.Empty(errors);

            var history = HamletExecutables.Start(true, site, null, "dose", "history", "--config-path", "config.yaml", "--json");
            Assert.True(history.Code == 0, history.ToString());
            string[] lines = history.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            int covered = Enumerable.Range(0, 4).SelectMany(w => Enumerable.Range(0, 3).Select(i => (w + i * 2) % 6)).Distinct().Count() * 4;
            Assert.Equal(covered, lines.Length);
            Assert.Equal(covered, added.Sum());
            Assert.Equal(covered, lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("SOPInstanceUID").GetString()).Distinct().Count());
        }
    }
}
