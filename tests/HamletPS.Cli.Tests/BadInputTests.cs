using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HamletPS.Cli.Verbs;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>
    /// Issue 14, finding 10: every verb of hamlet (<see cref="VerbCatalog"/>), given bad options and bad inputs — an unknown
    /// option, a missing or malformed config.yaml, a mapping file that is malformed or configured but absent, missing files,
    /// a non-DICOM file, an empty folder, an unset environment variable for --key — ends with exit code 1 or 2 and one-line
    /// errors: never a stack trace, never "Unhandled exception", never the text given to --key (it may be the secret itself).
    /// Run against the managed build (`dotnet hamlet.dll`) and the native executable.
    /// </summary>
    public sealed class BadInputTests : ScratchFolderTest
    {
        private const string SecretLookingKey = "S3cr3tTypedByMistake";

        public BadInputTests() : base("hamlet-bad-input-") { }

        /// <summary>Verbs that take paths as arguments (they get the missing / not DICOM / empty folder inputs).</summary>
        private static readonly string[] PathVerbs = { "inspect", "protect", "unprotect", "sort", "archive", "send-azure", "send" };

        private (string[] Args, string Label)[] Cases()
        {
            string work = Path.Combine(Root, "work");
            Directory.CreateDirectory(work);
            string missing = Path.Combine(Root, "does-not-exist");
            string notDicom = Path.Combine(Root, "notes.txt");
            File.WriteAllText(notDicom, "not DICOM\n");
            string empty = Path.Combine(Root, "empty");
            Directory.CreateDirectory(empty);
            string badYaml = Path.Combine(Root, "bad.yaml");
            File.WriteAllText(badYaml, "APP: [unclosed\n  SITE: x\nDATAPATH:\n\t- INCOMING\n");
            string duplicateRows = Site("dup", "MRN,Study_ID\r\n" + SampleData.Patients()[0].PatientId + ",180_0001\r\n" + SampleData.Patients()[0].PatientId + ",180_0002\r\n", "mapping.csv");
            string absentMapping = Site("absent", null, "missing-mapping.csv");
            string destination = Path.Combine(Root, "out");

            var cases = new List<(string[], string)>();
            foreach (string line in VerbCatalog.Describe())
            {
                string[] parts = line.Split('|');
                string[] verb = parts[0].Split(' ');
                var options = new HashSet<string>(parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries));
                cases.Add((verb.Concat(new[] { "--no-such-option" }).ToArray(), "unknown option"));
                if (verb[0] == "echo") cases.Add((new[] { "echo", "127.0.0.1", "--port", "1", "--timeout", "5" }, "nobody listening"));
                if (!options.Contains("--config-path")) continue;
                string[] pathArg = PathVerbs.Contains(verb[0]) || verb[0] == "echo" ? new[] { empty } : Array.Empty<string>();
                string[] dest = options.Contains("--destination") ? new[] { "--destination", destination } : Array.Empty<string>();
                cases.Add((verb.Concat(pathArg).Concat(dest).Concat(new[] { "--config-path", missing }).ToArray(), "missing config.yaml"));
                cases.Add((verb.Concat(pathArg).Concat(dest).Concat(new[] { "--config-path", badYaml }).ToArray(), "malformed config.yaml"));
                if (verb[0] != "protect" && verb[0] != "unprotect" && verb[0] != "process" && parts[0] != "config test") continue; // the verbs that read mapping.csv
                cases.Add((verb.Concat(pathArg).Concat(dest).Concat(new[] { "--config-path", duplicateRows }).ToArray(), "mapping.csv with two Study IDs for one MRN"));
                cases.Add((verb.Concat(pathArg).Concat(dest).Concat(new[] { "--config-path", absentMapping }).ToArray(), "configured mapping file absent"));
            }
            foreach (string verb in PathVerbs)
            {
                string[] dest = verb == "protect" || verb == "unprotect" ? new[] { "--destination", destination } : Array.Empty<string>();
                cases.Add((new[] { verb, missing }.Concat(dest).ToArray(), "missing file"));
                cases.Add((new[] { verb, notDicom }.Concat(dest).ToArray(), "not DICOM"));
                cases.Add((new[] { verb, empty }.Concat(dest).ToArray(), "empty folder"));
            }
            cases.Add((new[] { "protect", notDicom, "--destination", destination, "--key", SecretLookingKey }, "--key names no set variable"));
            cases.Add((new[] { "protect", notDicom, "--destination", destination, "--key", SecretLookingKey + " with spaces" }, "--key holds a secret-like text"));
            cases.Add((new[] { "unprotect", notDicom, "--destination", destination, "--key", SecretLookingKey }, "--key names no set variable"));
            cases.Add((new[] { "process", "--config-path", duplicateRows, "--settle-seconds", "-5" }, "negative settle time"));
            cases.Add((new[] { "inspect", notDicom, "--max-degree-of-parallelism", "-1" }, "bad number"));
            return cases.ToArray();
        }

        /// <summary>A site folder with one synthetic DICOM file in INCOMING and the given mapping file (null: none written).</summary>
        private string Site(string name, string mapping, string mappingName)
        {
            string site = Path.Combine(Root, name);
            SampleData.Write(site);
            File.Delete(Path.Combine(site, "mapping.csv"));
            if (mapping != null) File.WriteAllText(Path.Combine(site, mappingName), mapping);
            File.AppendAllText(Path.Combine(site, "config.yaml"), "HAMLET:\n  MAPPINGFILE: " + mappingName + "\n");
            return Path.Combine(site, "config.yaml");
        }

        [Fact]
        public void EveryVerb_GivenBadOptionsAndInputs_EndsWithExitOneOrTwoAndNoStackTrace_Managed() => RunAll(native: false);

        [Fact]
        public void EveryVerb_GivenBadOptionsAndInputs_EndsWithExitOneOrTwoAndNoStackTrace_Native() => RunAll(native: true);

        private void RunAll(bool native)
        {
            var cases = Cases();
            Assert.True(cases.Length > 60, "too few cases: " + cases.Length);
            string[] dupIncomingBefore = Directory.GetFiles(Path.Combine(Root, "dup", "data", "incoming"), "*", SearchOption.AllDirectories);
            var problems = new ConcurrentBag<string>();
            var environment = new Dictionary<string, string> { ["HAMLET_SITE_KEY"] = "", ["HAMLET_FOLDERKEY"] = "" };
            Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, c =>
            {
                HamletExecutables.Run run = HamletExecutables.Start(native, Path.Combine(Root, "work"), environment, c.Args);
                string all = run.Out + run.Err;
                string what = "hamlet " + string.Join(" ", c.Args.Select(a => a.Replace(Root, "<root>"))) + " (" + c.Label + ")";
                if (run.Code != 1 && run.Code != 2) problems.Add(what + ": exit " + run.Code + "\n" + all);
                if (all.Contains("   at ", StringComparison.Ordinal) || all.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase))
                    problems.Add(what + ": a stack trace\n" + all);
                if (all.Contains(SecretLookingKey, StringComparison.Ordinal)) problems.Add(what + ": echoed the --key text\n" + all);
                if (run.Err.Trim().Length == 0 && run.Out.Trim().Length == 0) problems.Add(what + ": exit " + run.Code + " without a word");
            });
            Assert.True(problems.IsEmpty, problems.Count + " of " + cases.Length + " runs misbehaved:\n\n" + string.Join("\n\n", problems.OrderBy(p => p, StringComparer.Ordinal)));
            Assert.Equal(dupIncomingBefore, Directory.GetFiles(Path.Combine(Root, "dup", "data", "incoming"), "*", SearchOption.AllDirectories));
        }
    }
}
