using System;
using System.IO;
using System.Linq;
using Xunit;

namespace HamletPS.PowerShell.Tests.Internal
{
    /// <summary>Tab completion of -Profile through the engine's own completion (CommandCompletion.CompleteInput, as TabExpansion2 calls it).</summary>
    public sealed class ProfileNameCompleterTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "hamlet-completer-" + Guid.NewGuid().ToString("N"));

        public ProfileNameCompleterTests()
        {
            Directory.CreateDirectory(Path.Combine(_root, "profiles"));
            File.WriteAllText(Path.Combine(_root, "strict.yaml"), "name: strict\n");
            File.WriteAllText(Path.Combine(_root, "loose.yml"), "name: loose\n");
            File.WriteAllText(Path.Combine(_root, "notes.txt"), "not a profile\n");
        }

        public void Dispose() => Directory.Delete(_root, true);

        private static string[] Complete(PowerShellSession session, string line, string location) =>
            session.Invoke("$null = $ExecutionContext.SessionState.Path.SetLocation($args[1]); " +
                           "[System.Management.Automation.CommandCompletion]::CompleteInput($args[0], $args[0].Length, $null).CompletionMatches | " +
                           "ForEach-Object { $_.CompletionText }", line, location)
                .Select(o => o.ToString()).ToArray();

        [Fact]
        public void Profile_EmptyWord_OffersTheBuiltInProfilesAndTheYamlFilesAndFoldersOfTheCurrentLocation()
        {
            using var session = new PowerShellSession();
            string[] matches = Complete(session, "Protect-DicomPatient -Profile ", _root);

            Assert.Empty(session.Errors);
            Assert.Contains("hamlet-rt", matches);
            Assert.Contains("basic", matches);
            Assert.Contains(matches, m => m.Trim('\'').EndsWith("strict.yaml"));
            Assert.Contains(matches, m => m.Trim('\'').EndsWith("loose.yml"));
            Assert.Contains(matches, m => m.Trim('\'').TrimEnd('/', '\\').EndsWith("profiles"));
            Assert.DoesNotContain(matches, m => m.Contains("notes.txt"));
        }

        [Fact]
        public void Profile_Prefix_OffersOnlyWhatStartsWithIt()
        {
            using var session = new PowerShellSession();

            string[] builtIn = Complete(session, "Protect-DicomPatient -Profile ba", _root);
            Assert.Equal(new[] { "basic" }, builtIn);

            string[] file = Complete(session, "Protect-DicomPatient -Profile st", _root);
            Assert.Single(file);
            Assert.EndsWith("strict.yaml", file[0].Trim('\''));
        }
    }
}
