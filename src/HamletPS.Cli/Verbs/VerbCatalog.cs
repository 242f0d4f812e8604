using System.Collections.Generic;
using System.CommandLine;
using System.Linq;

namespace HamletPS.Cli.Verbs
{
    /// <summary>Every verb of `hamlet`, with the cmdlet each one mirrors (same option names, kebab-cased).</summary>
    public static class VerbCatalog
    {
        /// <summary>(parent command or null, verb, cmdlet name) for every verb.</summary>
        private static IEnumerable<(string Parent, Command Command, string Cmdlet)> Entries()
        {
            yield return (null, InspectVerb.Create(), InspectVerb.CmdletName);
            yield return (null, ProtectVerbs.Protect(), "Protect-DicomPatient");
            yield return (null, ProtectVerbs.Unprotect(), "Unprotect-DicomPatient");
            yield return (ConfigVerbs.Parent, ConfigVerbs.Show(), "Get-HamletConfig");
            yield return (ConfigVerbs.Parent, ConfigVerbs.New(), "New-HamletConfig");
            yield return (ConfigVerbs.Parent, ConfigVerbs.Test(), "Test-HamletConfig");
            yield return (null, SortVerb.Create(), SortVerb.CmdletName);
            yield return (null, ProcessVerb.Create(), ProcessVerb.CmdletName);
            yield return (null, ArchiveVerb.Create(), ArchiveVerb.CmdletName);
            yield return (null, ClearVerb.Create(), ClearVerb.CmdletName);
            yield return (null, SendAzureVerb.Create(), SendAzureVerb.CmdletName);
            yield return (null, ListAzureVerb.Create(), ListAzureVerb.CmdletName);
            yield return (null, TestShareVerb.Create(), TestShareVerb.CmdletName);
            yield return (null, MountVerb.Create(), MountVerb.CmdletName);
            yield return (null, EchoVerb.Create(), EchoVerb.CmdletName);
            yield return (null, ReceiveVerb.Create(), ReceiveVerb.CmdletName);
            yield return (null, SendVerb.Create(), SendVerb.CmdletName);
        }

        /// <summary>The top-level commands, verbs with a parent grouped under it (`hamlet config new`).</summary>
        public static IEnumerable<Command> Create()
        {
            var parents = new Dictionary<string, Command>();
            foreach (var (parent, command, _) in Entries())
            {
                if (parent == null)
                {
                    yield return command;
                    continue;
                }
                if (!parents.TryGetValue(parent, out Command group))
                {
                    group = new Command(parent, "Site configuration: show, new, test.");
                    parents.Add(parent, group);
                    yield return group;
                }
                group.Subcommands.Add(command);
            }
        }

        /// <summary>
        /// The verbs' metadata as plain text, one line per verb: "verb|Cmdlet-Name|--option,--option|argument,argument" (a verb
        /// with a parent is written "parent verb"). Read by the tests that hold the CLI and the module in step; plain strings,
        /// so they can cross load contexts.
        /// </summary>
        public static string[] Describe() =>
            Entries().Select(e => (e.Parent == null ? e.Command.Name : e.Parent + " " + e.Command.Name) + "|" + e.Cmdlet + "|" +
                                  string.Join(",", e.Command.Options.Select(o => o.Name)) + "|" +
                                  string.Join(",", e.Command.Arguments.Select(a => a.Name))).ToArray();
    }
}
