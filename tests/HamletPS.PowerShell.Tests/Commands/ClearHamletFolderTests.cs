using System;
using System.IO;
using System.Linq;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.PowerShell.Tests.Commands
{
    public sealed class ClearHamletFolderTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "hamlet-clear-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }

        [Fact]
        public void ClearHamletFolder_AfterTheProcessRun_DeletesArchivedFilesAndKeepsTheRestWithAWarning()
        {
            SampleData.Write(_root);
            string config = Path.Combine(_root, "config.yaml");
            string note = Path.Combine(_root, "data", "incoming", "notes.txt");
            File.WriteAllText(note, "never archived");
            using var session = new PowerShellSession();
            session.Invoke("Invoke-HamletPipeline -ConfigPath $args[0] -SettleSeconds 0 | ForEach-Object { $null }", config);
            Assert.Empty(session.Errors);

            Assert.Empty(session.Invoke("Clear-HamletFolder -ConfigPath $args[0] -WhatIf", config));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(_root, "data", "sorted"), "*", SearchOption.AllDirectories));

            var results = session.Invoke("Clear-HamletFolder -ConfigPath $args[0] -Confirm:$false -PassThru", config);

            Assert.Empty(Directory.GetFiles(Path.Combine(_root, "data", "sorted"), "*", SearchOption.AllDirectories));
            Assert.True(File.Exists(note));
            Assert.Single(session.Warnings, w => w.Message.Contains("notes.txt"));
            Assert.Equal("Kept", results.Single(r => (string)r.Properties["Path"].Value == note).Properties["Status"].Value.ToString());
            Assert.Single(Directory.GetFiles(Path.Combine(_root, "data", "outgoing"), "*.zip"));

            session.Invoke("Clear-HamletFolder -ConfigPath $args[0] -Folder Incoming -Force -Confirm:$false", config);
            Assert.False(File.Exists(note));
        }
    }
}
