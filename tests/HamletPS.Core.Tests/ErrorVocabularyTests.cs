using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using HamletPS.Core;
using Xunit;

namespace HamletPS.Core.Tests
{
    /// <summary>Issue 17, finding 2: one error vocabulary — one base exception, one list of ids, each documented once.</summary>
    public class ErrorVocabularyTests
    {
        private static readonly Assembly Core = typeof(HamletException).Assembly;

        private static string RepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "HamletPS.sln"))) return dir.FullName;
            throw new InvalidOperationException("HamletPS.sln not found above " + AppContext.BaseDirectory);
        }

        private static List<FieldInfo> IdConstants() =>
            typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)).ToList();

        /// <summary>The ids of the tables of docs/errors.md (first column, in backticks).</summary>
        private static List<string> DocumentedIds() =>
            File.ReadAllLines(Path.Combine(RepoRoot(), "docs", "errors.md"))
                .Select(line => Regex.Match(line, @"^\| `([A-Za-z0-9]+)` \|"))
                .Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();

        [Fact]
        public void EveryPublicExceptionTypeOfCore_DerivesFromHamletException()
        {
            List<Type> exceptions = Core.GetTypes().Where(t => typeof(Exception).IsAssignableFrom(t) && (t.IsPublic || t.IsNestedPublic)).ToList();
            Assert.Contains(typeof(HamletPS.Core.Configuration.HamletConfigException), exceptions); // the reflection sees them
            Assert.True(exceptions.Count >= 18, exceptions.Count + " exception types");
            List<string> strays = exceptions.Where(t => !typeof(HamletException).IsAssignableFrom(t)).Select(t => t.FullName).ToList();
            Assert.True(strays.Count == 0, "not derived from HamletException: " + string.Join(", ", strays));
        }

        [Fact]
        public void EveryErrorIdConstant_IsItsOwnName_Unique_AndInTheList()
        {
            List<FieldInfo> constants = IdConstants();
            Assert.NotEmpty(constants);
            Assert.All(constants, f => Assert.Equal(f.Name, (string)f.GetRawConstantValue()));
            List<string> values = constants.Select(f => (string)f.GetRawConstantValue()).ToList();
            Assert.Equal(values.Count, values.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.Equal(values.OrderBy(v => v, StringComparer.Ordinal), ErrorIds.All.OrderBy(v => v, StringComparer.Ordinal));
        }

        [Fact]
        public void EveryErrorId_IsDocumentedOnce_AndEveryDocumentedIdIsInTheList()
        {
            List<string> documented = DocumentedIds();
            List<string> twice = documented.GroupBy(d => d).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(twice.Count == 0, "documented twice in docs/errors.md: " + string.Join(", ", twice));
            List<string> undocumented = ErrorIds.All.Except(documented).ToList();
            Assert.True(undocumented.Count == 0, "not in docs/errors.md: " + string.Join(", ", undocumented));
            List<string> unknown = documented.Except(ErrorIds.All).ToList();
            Assert.True(unknown.Count == 0, "in docs/errors.md but not in ErrorIds: " + string.Join(", ", unknown));
        }

        [Fact]
        public void TheDocumentedCategoryAndKind_AreTheList()
        {
            string text = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "errors.md"));
            int inputs = text.IndexOf("## Failures of one input", StringComparison.Ordinal);
            Assert.True(inputs > 0);
            foreach (Match m in Regex.Matches(text, @"^\| `([A-Za-z0-9]+)` \| ([A-Za-z]+) \|", RegexOptions.Multiline))
            {
                string id = m.Groups[1].Value;
                Assert.Equal(ErrorIds.CategoryOf(id).ToString(), m.Groups[2].Value);
                Assert.True(ErrorIds.IsSetup(id) == m.Index < inputs, id + ": documented as " + (m.Index < inputs ? "set-up" : "input") + " error");
            }
        }

        /// <summary>Where the faces and Core write an id as text (a face's own condition, or an id passed on), it is one of the list.</summary>
        [Fact]
        public void EveryIdWrittenAsTextInTheSources_IsInTheList()
        {
            var patterns = new[]
            {
                @"Failure\(\s*""([A-Z]\w+)""", @"Terminate\([^;]*?,\s*""([A-Z]\w+)"",\s*ErrorCategory", @"NewError\([^;]*?,\s*""([A-Z]\w+)"",\s*ErrorCategory",
                @"new ErrorRecord\([^;]*?,\s*""([A-Z]\w+)"",\s*ErrorCategory", @"FileFailure\.Create\([^;]*?,\s*""([A-Z]\w+)""",
                @"Exception\(\s*""([A-Z]\w+)"",", @"Reason = ""([A-Z]\w+)""",
            }.Select(p => new Regex(p, RegexOptions.Singleline)).ToList();
            var unknown = new SortedSet<string>(StringComparer.Ordinal);
            int seen = 0;
            foreach (string project in new[] { "HamletPS", "HamletPS.Cli", "HamletPS.Core" })
            {
                foreach (string file in Directory.EnumerateFiles(Path.Combine(RepoRoot(), "src", project), "*.cs", SearchOption.AllDirectories))
                {
                    if (file.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
                    string text = File.ReadAllText(file);
                    foreach (Regex pattern in patterns)
                    {
                        foreach (Match m in pattern.Matches(text))
                        {
                            seen++;
                            if (!ErrorIds.IsKnown(m.Groups[1].Value)) unknown.Add(m.Groups[1].Value + " (" + Path.GetFileName(file) + ")");
                        }
                    }
                }
            }
            Assert.True(seen > 20, seen + " ids found: the patterns no longer match the sources");
            Assert.True(unknown.Count == 0, "not in ErrorIds: " + string.Join(", ", unknown));
        }

        [Fact]
        public void OneIdPerCondition_TheOldDuplicatesAreGone()
        {
            Assert.True(ErrorIds.IsKnown("ConfigNotFound"));
            Assert.True(ErrorIds.IsKnown("InvalidConfiguration"));
            Assert.False(ErrorIds.IsKnown("ConfigurationNotFound"));
            Assert.False(ErrorIds.IsKnown("InvalidConfig"));
        }

        [Fact]
        public void HamletException_TakesCategoryAndSetUpFromTheList()
        {
            var setup = new HamletException(ErrorIds.ConfigNotFound, "No configuration file found.");
            Assert.Equal(HamletErrorCategory.NotFound, setup.Category);
            Assert.True(setup.IsSetup);
            var input = new HamletException(ErrorIds.InvalidDicomFile, "x.dcm at byte 4: not DICOM");
            Assert.Equal(HamletErrorCategory.InvalidData, input.Category);
            Assert.False(input.IsSetup);
        }

        [Fact]
        public void Describe_WritesEachSettingAsTheFaceSpellsIt()
        {
            var ex = new HamletException(ErrorIds.ConfigExists, "The configuration file c.yaml already exists.", null, "Replace it with {Force} or pass {ConfigPath}.");
            Assert.Equal("The configuration file c.yaml already exists.", ex.Message);
            Assert.Equal("The configuration file c.yaml already exists. Replace it with -Force or pass -ConfigPath.", ex.Describe(s => "-" + s));
            Assert.Equal("The configuration file c.yaml already exists. Replace it with --force or pass --configpath.", ex.Describe(s => "--" + s.ToLowerInvariant()));
            Assert.Equal("no remedy", new HamletException(ErrorIds.InvalidArgument, "no remedy").Describe(s => "-" + s));
        }
    }
}
