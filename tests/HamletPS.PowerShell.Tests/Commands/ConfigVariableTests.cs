using System;
using System.IO;
using System.Linq;
using Xunit;

namespace HamletPS.PowerShell.Tests.Commands
{
    /// <summary>Tests that set $env:HAMLET_CONFIG, which is process-wide: xunit runs them alone, after the parallel ones.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ProcessEnvironmentCollection
    {
        public const string Name = "Process environment";
    }

    /// <summary>
    /// $env:HAMLET_CONFIG naming a file that does not exist stops every cmdlet whose configuration is otherwise optional, with
    /// the ErrorId `hamlet` prints (ConfigNotFound): it was silently ignored before.
    /// </summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class ConfigVariableTests : SampleSiteTest
    {
        public ConfigVariableTests() : base("hamlet-configvar") { }

        [Theory]
        [InlineData("InvokeDicomSortCommand", "Invoke-DicomSort -Path $args[0] -Destination $args[1] -Copy -SettleSeconds 0")]
        [InlineData("ProtectDicomPatientCommand", "Protect-DicomPatient -Path $args[0] -Destination $args[1]")]
        [InlineData("NewHamletArchiveCommand", "New-HamletArchive -Path $args[0] -Destination $args[1] -Site s1")]
        [InlineData("ReceiveDicomCommand", "Receive-Dicom -Path $args[1] -WhatIf")]
        [InlineData("CopyDicomStudyCommand", "Copy-DicomStudy -ComputerName 127.0.0.1 -Port 1 -StudyInstanceUID 1.2.3")]
        public void HamletConfigNamingAMissingFile_StopsWithConfigNotFound_AndWritesNothing(string command, string script)
        {
            string missing = Path.Combine(Root, "missing.yaml");
            string output = Path.Combine(Root, "out");
            string saved = Environment.GetEnvironmentVariable("HAMLET_CONFIG");
            using var session = new PowerShellSession();
            try
            {
                Environment.SetEnvironmentVariable("HAMLET_CONFIG", missing);
                var caught = session.Invoke("try { " + script + " -ErrorAction Stop; 'no error' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }", Incoming, output);

                Assert.Equal("ConfigNotFound,HamletPS.Commands." + command, caught.First().BaseObject);
                Assert.Contains(missing, (string)caught.Last().BaseObject);
                Assert.False(Directory.Exists(output));
            }
            finally
            {
                Environment.SetEnvironmentVariable("HAMLET_CONFIG", saved);
            }
        }
    }
}
