using System;

namespace HamletPS.Cli.Tests
{
    /// <summary>A test class with a folder of its own under the temporary folder (not created here), deleted with everything in it after each test.</summary>
    public abstract class ScratchFolderTest : IDisposable
    {
        private readonly TempFolder _folder;

        protected ScratchFolderTest(string prefix)
        {
            _folder = new TempFolder(prefix, create: false);
            Root = _folder.Path;
        }

        /// <summary>This test's folder.</summary>
        protected string Root { get; }

        public void Dispose() => _folder.Dispose();
    }
}
