using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using HamletPS.Cli.JsonLines;
using HamletPS.Core.Cleanup;
using HamletPS.Core.Configuration;
using HamletPS.Core.Pipeline;
using HamletPS.Dicom.IO;

namespace HamletPS.Cli.Verbs
{
    /// <summary>`hamlet clear`: Clear-HamletFolder for the command line.</summary>
    public static class ClearVerb
    {
        public const string CmdletName = "Clear-HamletFolder";

        public static Command Create()
        {
            var config = new Option<string>("--config-path", "--config") { Description = "config.yaml (default: $HAMLET_CONFIG, then ./config.yaml)." };
            var folder = new Option<string[]>("--folder") { Description = "Incoming, Sorted (default both); never OUTGOING.", AllowMultipleArgumentsPerToken = true };
            folder.Validators.Add(result =>
            {
                foreach (string name in result.GetValueOrDefault<string[]>() ?? Array.Empty<string>())
                {
                    if (!ClearableFolder.IsName(name)) result.AddError("--folder: " + ClearableFolder.InvalidNameMessage(name));
                }
            });
            folder.CompletionSources.Add(ClearableFolder.Names.ToArray());
            var force = new Option<bool>("--force") { Description = "Delete files not recorded in any archive manifest or journal too." };
            var whatIf = new Option<bool>("--what-if") { Description = "List what would be deleted; delete nothing." };
            var json = new Option<bool>("--json") { Description = "One JSON object per file." };
            var command = new Command("clear", "Empty INCOMING and SORTED once their data is archived (Clear-HamletFolder).") { config, folder, force, whatIf, json };
            command.SetAction(parse => Run(parse.GetValue(config), parse.GetValue(folder), parse.GetValue(force), parse.GetValue(whatIf), parse.GetValue(json), CliOutput.Console));
            return command;
        }

        public static int Run(string configPath, string[] folders, bool force, bool whatIf, bool json, CliOutput output)
        {
            folders = folders == null || folders.Length == 0 ? ClearableFolder.Names.ToArray() : folders;
            foreach (string name in folders)
            {
                if (ClearableFolder.IsName(name)) continue;
                output.Failure("InvalidFolder", ClearableFolder.InvalidNameMessage(name));
                return 2;
            }
            HamletConfig config;
            try
            {
                config = WorkflowConfiguration.LoadOrNull(configPath, Directory.GetCurrentDirectory())
                    ?? throw new FileNotFoundException("No configuration file found: pass --config-path, set $HAMLET_CONFIG, or run in the folder of config.yaml.");
            }
            catch (Exception ex)
            {
                output.Failure(WorkflowConfiguration.ClassifyFailure(ex) ?? "InvalidConfiguration", ex.Message);
                return 2;
            }
            var cleaner = new HamletFolderCleaner(config.DataPath.Outgoing, config.Hamlet.Logs);
            foreach (string name in folders)
            {
                string folder = ClearableFolder.PathOf(name, config);
                int deleted = 0;
                var kept = new System.Collections.Generic.SortedDictionary<string, int>(StringComparer.Ordinal);
                foreach (ClearedFile r in cleaner.Clear(folder, name, force, file => { if (whatIf) output.Line("What if: delete " + Shown(folder, file)); return !whatIf; }))
                {
                    if (r.Status == ClearStatus.Deleted) deleted++;
                    else if (r.Status == ClearStatus.Failed) output.Failure("ClearFailed", Shown(folder, r.Path) + ": " + r.Reason);
                    else if (r.Reason != "declined") kept[r.Reason ?? "kept"] = kept.TryGetValue(r.Reason ?? "kept", out int n) ? n + 1 : 1;
                    if (json) output.Json(r, CliJsonContext.Relaxed.ClearedFile);
                }
                foreach (var reason in kept) output.Warning(name + ": kept " + reason.Value + " files: " + reason.Key);
                if (!json && !whatIf) output.Line(name + ": " + deleted + " files deleted");
            }
            return output.ExitCode;
        }

        /// <summary>A file as printed: its path below the folder with the first folder name withheld (in SORTED it is the
        /// Patient ID; in INCOMING the sender may have used it), e.g. "(folder withheld)/2.25.1/CT_1_2.25.2/2.25.3.dcm".</summary>
        internal static string Shown(string folder, string file)
        {
            string root = PathRules.Current.Normalize(Path.GetFullPath(folder));
            string full = PathRules.Current.Normalize(Path.GetFullPath(file));
            if (!PathRules.Current.IsInside(full, root)) return "(a file, name withheld)";
            string relative = full.Substring(root.Length).TrimStart(Path.DirectorySeparatorChar);
            int slash = relative.IndexOf(Path.DirectorySeparatorChar);
            return slash < 0 ? relative : "(folder withheld)" + relative.Substring(slash);
        }
    }
}
