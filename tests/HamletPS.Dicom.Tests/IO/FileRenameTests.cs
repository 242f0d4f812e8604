using System.IO;
using HamletPS.Dicom.IO;
using Xunit;

namespace HamletPS.Dicom.Tests
{
    public class FileRenameTests
    {
        [Fact]
        public void ReplaceOrMove_CreatesTheFinalName_AndReplacesAnExistingFile()
        {
            string scratch = TestPaths.NewScratch("rename");
            try
            {
                string temp = Path.Combine(scratch, ".a.tmp"), final = Path.Combine(scratch, "a.dcm");
                File.WriteAllText(temp, "first");
                FileRename.ReplaceOrMove(temp, final);
                Assert.Equal("first", File.ReadAllText(final));
                Assert.False(File.Exists(temp));

                File.WriteAllText(temp, "second");
                FileRename.ReplaceOrMove(temp, final);
                Assert.Equal("second", File.ReadAllText(final));
                Assert.Equal(new[] { final }, Directory.GetFiles(scratch));
            }
            finally { Directory.Delete(scratch, true); }
        }

        [Fact]
        public void ReplaceOrMove_MissingTemporaryFile_ThrowsAndLeavesTheFinalFileAlone()
        {
            string scratch = TestPaths.NewScratch("rename-missing");
            try
            {
                string final = Path.Combine(scratch, "a.dcm");
                File.WriteAllText(final, "kept");
                Assert.ThrowsAny<IOException>(() => FileRename.ReplaceOrMove(Path.Combine(scratch, ".gone.tmp"), final));
                Assert.Equal("kept", File.ReadAllText(final));
            }
            finally { Directory.Delete(scratch, true); }
        }
    }
}
