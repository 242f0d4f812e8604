using System.Linq;
using System.Runtime.CompilerServices;
using HamletPS.TestSupport;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification.Pixels
{
    // Kept so tests written against the xunit 2 workaround still compile; new tests use [Fact]/[Theory] and call
    // RequiredPeers.Programs(...) first (xunit.v3's runtime skip, which also works for a peer found missing mid-test).

    /// <summary>A theory that needs peer programs (full paths, up to three): skipped, visibly, naming the missing ones, when they are not installed.</summary>
    public sealed class PeerTheoryAttribute : TheoryAttribute
    {
        public PeerTheoryAttribute(string program, string program2 = null, string program3 = null,
            [CallerFilePath] string sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
            : base(sourceFilePath, sourceLineNumber) =>
            Skip = RequiredPeers.MissingPrograms(new[] { program, program2, program3 }.Where(p => p != null).ToArray());
    }

    /// <summary>A fact that needs peer programs (full paths, up to three): skipped, visibly, naming the missing ones, when they are not installed.</summary>
    public sealed class PeerFactAttribute : FactAttribute
    {
        public PeerFactAttribute(string program, string program2 = null, string program3 = null,
            [CallerFilePath] string sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
            : base(sourceFilePath, sourceLineNumber) =>
            Skip = RequiredPeers.MissingPrograms(new[] { program, program2, program3 }.Where(p => p != null).ToArray());
    }
}
