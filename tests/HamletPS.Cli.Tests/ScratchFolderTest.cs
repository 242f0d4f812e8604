using System;
using System.IO;

namespace HamletPS.Cli.Tests
{
    /// <summary>A test class with a folder of its own under the temporary folder (not created here), deleted with everything in it after each test.</summary>
    public abstract class ScratchFolderTest : IDisposable
    {
        protected ScratchFolderTest(string prefix) =>
            Root = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));

        /// <summary>This test's folder.</summary>
        protected string Root { get; }

        public void Dispose()
        {
            if (Directory.Exists(Root)) Directory.Delete(Root, true);
        }
    }
}
