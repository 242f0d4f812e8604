using System;
using System.IO;
using HamletPS.Dicom.IO;
using Xunit;

namespace HamletPS.Dicom.Tests
{
    /// <summary>The one retry helper for files held by antivirus scanners and backup agents.</summary>
    public class FileRetryTests
    {
        private const int SharingViolation = unchecked((int)0x80070020);

        [Fact]
        public void ARealSharingConflict_IsRecognisedAsHeldByAnotherProgram()
        {
            using var temp = new TempFolder("retry", create: false);
            string path = temp.Path;
            File.WriteAllText(path, "x");
            try
            {
                using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                    var ex = Assert.ThrowsAny<IOException>(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read).Dispose());
                    Assert.True(FileRetry.IsHeldByAnotherProgram(ex), ex.GetType().Name + " 0x" + ex.HResult.ToString("X8"));
                }
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void OtherErrors_AreNotRetried()
        {
            Assert.False(FileRetry.IsHeldByAnotherProgram(new PathTooLongException()));
            Assert.False(FileRetry.IsHeldByAnotherProgram(new FileNotFoundException()));
            Assert.False(FileRetry.IsHeldByAnotherProgram(new IOException("disk full", unchecked((int)0x80070070))));
            Assert.Equal(PlatformIO.IsWindows, FileRetry.IsHeldByAnotherProgram(new UnauthorizedAccessException()));
        }

        [Fact]
        public void Run_RetriesWhileHeld_ThenSucceeds()
        {
            int calls = 0;
            FileRetry.Run(() =>
            {
                if (++calls < 3) throw new IOException("held", SharingViolation);
            });
            Assert.Equal(3, calls);
        }

        [Fact]
        public void Run_GivesUpAfterTheLastAttempt_WithTheOriginalError()
        {
            int calls = 0;
            var ex = Assert.Throws<IOException>(() => FileRetry.Run(() => { calls++; throw new IOException("held", SharingViolation); }));
            Assert.Equal(FileRetry.Attempts, calls);
            Assert.Equal(SharingViolation, ex.HResult);
        }

        [Fact]
        public void Run_DoesNotRetryAPathThatIsTooLong()
        {
            int calls = 0;
            Assert.Throws<PathTooLongException>(() => FileRetry.Run(() => { calls++; throw new PathTooLongException(); }));
            Assert.Equal(1, calls);
        }
    }
}
