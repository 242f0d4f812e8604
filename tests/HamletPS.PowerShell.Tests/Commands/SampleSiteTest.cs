using System;
using System.IO;
using System.Linq;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.PowerShell.Tests.Commands
{
    /// <summary>
    /// A fresh copy of the bundled sample site per test (data/incoming with the synthetic studies, config.yaml in the HTP
    /// format, mapping.csv listing one of the two patients) in its own temporary folder, deleted afterwards. The base of the
    /// workflow cmdlet tests (Invoke-DicomSort, New-HamletArchive, Clear-HamletFolder, Invoke-HamletPipeline).
    /// </summary>
    public abstract class SampleSiteTest : IDisposable
    {
        private readonly TempFolder _folder;

        protected SampleSiteTest(string prefix)
        {
            _folder = new TempFolder(prefix);
            SampleData.Write(Root);
        }

        /// <summary>The site folder (config.yaml, mapping.csv, data/).</summary>
        protected string Root => _folder.Path;

        protected string ConfigPath => Path.Combine(Root, "config.yaml");

        protected string Incoming => Path.Combine(Root, "data", "incoming");

        protected string Sorted => Path.Combine(Root, "data", "sorted");

        protected string Outgoing => Path.Combine(Root, "data", "outgoing");

        /// <summary>Every file below <paramref name="folder"/> (none when it does not exist).</summary>
        protected static string[] FilesBelow(string folder) =>
            Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : Array.Empty<string>();

        /// <summary>Fails with the session's error records when it has any.</summary>
        protected static void AssertNoErrors(PowerShellSession session) =>
            Assert.True(session.Errors.Count == 0, string.Join("; ", session.Errors.Select(e => e.ToString())));

        public void Dispose()
        {
            _folder.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
