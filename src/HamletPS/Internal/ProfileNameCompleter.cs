using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using HamletPS.Core.Deidentification;

namespace HamletPS.Internal
{
    /// <summary>
    /// Tab completion of -Profile: the built-in de-identification profile names, then profile files (*.yaml, *.yml) and the
    /// folders that lead to them, relative to the session's current location.
    /// </summary>
    public sealed class ProfileNameCompleter : IArgumentCompleter
    {
        private static readonly string[] ProfileExtensions = { ".yaml", ".yml" };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var results = DeidentificationProfile.BuiltInNames
                .Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n + " (built-in profile)"))
                .ToList();
            results.AddRange(ProfileFiles(wordToComplete ?? string.Empty));
            return results;
        }

        private static IEnumerable<CompletionResult> ProfileFiles(string wordToComplete)
        {
            // Our own listing rather than CompletionCompleters.CompleteFilename, which relies on the Management module's cmdlets.
            string word = wordToComplete.Trim('\'', '"');
            int slash = word.LastIndexOfAny(new[] { '/', '\\' });
            string typedFolder = slash < 0 ? string.Empty : word.Substring(0, slash + 1);
            string prefix = word.Substring(slash + 1);
            string folder;
            IEnumerable<string> entries;
            try
            {
                folder = Path.Combine(CurrentLocation(), typedFolder.Length == 0 ? "." : typedFolder);
                if (!Directory.Exists(folder)) return Enumerable.Empty<CompletionResult>();
                entries = Directory.EnumerateFileSystemEntries(folder, prefix + "*").ToList();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                // Completion must never fail the prompt: offer the built-in names only.
                return Enumerable.Empty<CompletionResult>();
            }
            return entries
                .Select(e => new { Entry = e, Name = Path.GetFileName(e), IsFolder = Directory.Exists(e) })
                .Where(e => e.IsFolder || IsProfileFile(e.Name))
                .OrderBy(e => e.IsFolder).ThenBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
                .Select(e =>
                {
                    string text = typedFolder + e.Name;
                    if (text.IndexOfAny(new[] { ' ', '\'', '$', '`', '(', ')', '{', '}', ';', '&', '#', ',' }) >= 0) text = "'" + text.Replace("'", "''") + "'";
                    return new CompletionResult(text, e.Name, e.IsFolder ? CompletionResultType.ProviderContainer : CompletionResultType.ProviderItem, e.Entry);
                })
                .ToList();
        }

        /// <summary>The session's current file-system location (not the process's), as relative paths are resolved by the cmdlets.</summary>
        private static string CurrentLocation()
        {
            try
            {
                // Completers run on the pipeline thread of the session asking: a nested command reads its location.
                using (var ps = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace))
                {
                    ps.AddScript("$ExecutionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath");
                    string location = ps.Invoke().Select(o => o?.BaseObject as string).FirstOrDefault();
                    if (!string.IsNullOrEmpty(location)) return location;
                }
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                // No usable runspace on this thread: fall back to the process's folder.
            }
            return Environment.CurrentDirectory;
        }

        private static bool IsProfileFile(string name) =>
            name != null && ProfileExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }
}
