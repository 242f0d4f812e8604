using System;
using System.IO;
using System.Management.Automation;
using Xunit;

namespace HamletPS.PowerShell.Tests.Chain
{
    /// <summary>Binding between the chain's steps that the whole-chain runs revealed.</summary>
    public sealed class ChainBindingTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "hamlet-chainbind-" + Guid.NewGuid().ToString("N"));

        public ChainBindingTests() => Directory.CreateDirectory(_root);

        public void Dispose() => Directory.Delete(_root, recursive: true);

        [Fact]
        public void NewHamletArchive_PipedResultsWithoutAPath_AreSkippedQuietly_NotABindingError()
        {
            // What Protect-DicomPatient emits for a Planned (-WhatIf), Failed or excluded file: no Path, a DestinationPath that
            // does not exist. The failure was already reported upstream; the archive step must not add a binding error.
            using var session = new PowerShellSession();
            string outgoing = Path.Combine(_root, "out");

            var output = session.Invoke("[pscustomobject]@{ Path = $null; DestinationPath = $args[1]; Status = 'Failed' } | New-HamletArchive -Destination $args[0] -Site s1",
                outgoing, Path.Combine(_root, "protected", "never-written.dcm"));

            Assert.Empty(output);
            Assert.Empty(session.Errors);
            Assert.False(Directory.Exists(outgoing));
        }

        [Fact]
        public void NewHamletArchive_AnExplicitEmptyPath_IsATerminatingPathRequiredError()
        {
            using var session = new PowerShellSession();

            var output = session.Invoke("New-HamletArchive -Path $null -Destination $args[0] -Site s1; 'after'", Path.Combine(_root, "out"));

            ErrorRecord error = Assert.Single(session.Errors);
            Assert.Equal("PathRequired,HamletPS.Commands.NewHamletArchiveCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal("after", Assert.Single(output).ToString());
        }
    }
}
