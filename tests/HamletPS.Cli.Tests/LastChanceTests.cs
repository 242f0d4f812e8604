using System;
using System.IO;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>Issue 14, finding 10: the last-chance handler of hamlet prints one line with the exception's type only.</summary>
    public sealed class LastChanceTests
    {
        [Fact]
        public void LastChance_PrintsOneLineWithoutMessageOrStack_AndExitsOne()
        {
            Exception thrown;
            try { throw new InvalidCastException("cannot read /data/sorted/SYN0000880/2.25.1/x.dcm with key hunter2"); }
            catch (Exception ex) { thrown = ex; }
            var error = new StringWriter();

            int code = Program.LastChance(thrown, error);

            Assert.Equal(1, code);
            string text = error.ToString();
            Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("InvalidCastException", text);
            Assert.DoesNotContain("SYN0000880", text);
            Assert.DoesNotContain("hunter2", text);
            Assert.DoesNotContain("   at ", text);
        }
    }
}
