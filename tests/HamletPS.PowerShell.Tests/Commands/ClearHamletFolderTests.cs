using System.IO;
using System.Linq;
using Xunit;

namespace HamletPS.PowerShell.Tests.Commands
{
    public sealed class ClearHamletFolderTests : SampleSiteTest
    {
        public ClearHamletFolderTests() : base("hamlet-clear") { }

        [Fact]
        public void ClearHamletFolder_AfterTheProcessRun_DeletesArchivedFilesAndKeepsTheRestWithAWarning()
        {
            string note = Path.Combine(Incoming, "notes.txt");
            File.WriteAllText(note, "never archived");
            using var session = new PowerShellSession();
            session.Invoke("Invoke-HamletPipeline -ConfigPath $args[0] -SettleSeconds 0 | ForEach-Object { $null }", ConfigPath);
            Assert.Empty(session.Errors);

            Assert.Empty(session.Invoke("Clear-HamletFolder -ConfigPath $args[0] -WhatIf", ConfigPath));
            Assert.NotEmpty(FilesBelow(Sorted));

            var results = session.Invoke("Clear-HamletFolder -ConfigPath $args[0] -Confirm:$false -PassThru", ConfigPath);

            Assert.Empty(FilesBelow(Sorted));
            Assert.True(File.Exists(note));
            Assert.Single(session.Warnings, w => w.Message.Contains("notes.txt"));
            Assert.Equal("Kept", results.Single(r => (string)r.Properties["Path"].Value == note).Properties["Status"].Value.ToString());
            Assert.Single(Directory.GetFiles(Outgoing, "*.zip"));

            session.Invoke("Clear-HamletFolder -ConfigPath $args[0] -Folder Incoming -Force -Confirm:$false", ConfigPath);
            Assert.False(File.Exists(note));
        }

        [Fact]
        public void ClearHamletFolder_Outgoing_IsRefusedAtBinding_AndNothingIsDeleted()
        {
            Directory.CreateDirectory(Outgoing);
            File.WriteAllText(Path.Combine(Outgoing, "waiting.zip"), "not yet sent");
            int before = FilesBelow(Root).Length;
            using var session = new PowerShellSession();

            session.Invoke("Clear-HamletFolder -ConfigPath $args[0] -Folder Incoming, Outgoing -Force -Confirm:$false", ConfigPath);

            var error = Assert.Single(session.Errors);
            Assert.Equal("ParameterArgumentValidationError,HamletPS.Commands.ClearHamletFolderCommand", error.FullyQualifiedErrorId);
            Assert.Equal(before, FilesBelow(Root).Length);
        }
    }
}
