using System.IO;
using Xunit;

namespace HamletPS.Core.Tests
{
    /// <summary>A path over Windows PowerShell 5.1's 260-character limit is reported as such, not as a generic I/O error.</summary>
    public class FileFailurePathTooLongTests
    {
        [Fact]
        public void PathTooLongException_IsClassifiedAsPathTooLong()
        {
            FileFailure failure = FileFailure.Classify("x.dcm", new PathTooLongException("The specified path is too long."));
            Assert.Equal("PathTooLong", failure.Reason);
            Assert.Equal(HamletErrorCategory.ReadOrWriteError, failure.Kind);
        }

        [Fact]
        public void OtherIOExceptions_KeepTheirReason()
        {
            Assert.Equal("FileReadWriteFailed", FileFailure.Classify("x.dcm", new IOException("disk full")).Reason);
        }
    }
}
