using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;

namespace HamletPS.Cli.Verbs
{
    /// <summary>Every verb of `hamlet`, with the cmdlet each one mirrors (same option names, kebab-cased).</summary>
    public static class VerbCatalog
    {
        /// <summary>One verb: its parent command (or null), its name, how to build it, and the cmdlet it mirrors.</summary>
        private sealed class Entry
        {
            public Entry(string parent, string name, Func<Command> create, string cmdlet) { Parent = parent; Name = name; Create = create; Cmdlet = cmdlet; }

            public string Parent { get; }

            public string Name { get; }

            public Func<Command> Create { get; }

            public string Cmdlet { get; }
        }

        /// <summary>Every verb, not yet built (a test checks each name against the command its factory builds).</summary>
        private static readonly Entry[] Entries =
        {
            new Entry(null, "inspect", InspectVerb.Create, InspectVerb.CmdletName),
            new Entry(null, "dose", DoseVerb.Create, DoseVerb.CmdletName),
            new Entry(DoseHistoryVerbs.Parent, "import", DoseHistoryVerbs.Import, "Import-DicomDoseReport"),
            new Entry(DoseHistoryVerbs.Parent, "history", DoseHistoryVerbs.History, "Get-DoseHistory"),
            new Entry(DoseHistoryVerbs.Parent, "export", DoseHistoryVerbs.Export, "Export-DoseHistory"),
            new Entry(null, "protect", ProtectVerbs.Protect, "Protect-DicomPatient"),
            new Entry(null, "unprotect", ProtectVerbs.Unprotect, "Unprotect-DicomPatient"),
            new Entry(ConfigVerbs.Parent, "show", ConfigVerbs.Show, "Get-HamletConfig"),
            new Entry(ConfigVerbs.Parent, "new", ConfigVerbs.New, "New-HamletConfig"),
            new Entry(ConfigVerbs.Parent, "test", ConfigVerbs.Test, "Test-HamletConfig"),
            new Entry(null, "sort", SortVerb.Create, SortVerb.CmdletName),
            new Entry(null, "process", ProcessVerb.Create, ProcessVerb.CmdletName),
            new Entry(null, "archive", ArchiveVerb.Create, ArchiveVerb.CmdletName),
            new Entry(null, "review", ReviewVerb.Create, ReviewVerb.CmdletName),
            new Entry(null, "clear", ClearVerb.Create, ClearVerb.CmdletName),
            new Entry(null, "send-azure", SendAzureVerb.Create, SendAzureVerb.CmdletName),
            new Entry(null, "list-azure", ListAzureVerb.Create, ListAzureVerb.CmdletName),
            new Entry(null, "test-share", TestShareVerb.Create, TestShareVerb.CmdletName),
            new Entry(null, "mount", MountVerb.Create, MountVerb.CmdletName),
            new Entry(null, "echo", EchoVerb.Create, EchoVerb.CmdletName),
            new Entry(null, "heartbeat", HeartbeatVerb.Create, HeartbeatVerb.CmdletName),
            new Entry(null, "receive", ReceiveVerb.Create, ReceiveVerb.CmdletName),
            new Entry(null, "send", SendVerb.Create, SendVerb.CmdletName),
            new Entry(null, "find", FindVerb.Create, FindVerb.CmdletName),
            new Entry(null, "retrieve", RetrieveVerb.Create, RetrieveVerb.CmdletName),
            new Entry(null, "inventory", InventoryVerb.Create, InventoryVerb.CmdletName),
        };

        /// <summary>The top-level commands, verbs with a parent grouped under it (`hamlet config new`).</summary>
        public static IEnumerable<Command> Create() => Create(e => true);

        /// <summary>
        /// Only the top-level command named <paramref name="name"/> (a verb, or a parent with its verbs); empty when no verb has
        /// that name. Building the other verbs cost every run of hamlet several milliseconds of start-up.
        /// </summary>
        public static IReadOnlyList<Command> CreateNamed(string name) =>
            Create(e => string.Equals(e.Parent ?? e.Name, name, StringComparison.Ordinal)).ToList();

        private static IEnumerable<Command> Create(Func<Entry, bool> wanted)
        {
            var parents = new Dictionary<string, Command>();
            foreach (Entry entry in Entries)
            {
                if (!wanted(entry)) continue;
                Command command = entry.Create();
                if (entry.Parent == null)
                {
                    parents[command.Name] = command;   // a verb that is also a parent (dose: dose import …) takes its verbs itself
                    yield return command;
                    continue;
                }
                if (!parents.TryGetValue(entry.Parent, out Command group))
                {
                    group = new Command(entry.Parent, "Site configuration: show, new, test.");
                    parents.Add(entry.Parent, group);
                    yield return group;
                }
                group.Subcommands.Add(command);
            }
        }

        /// <summary>Pairs (catalogued name, name of the command its factory builds) for every verb: the test that they agree.</summary>
        public static IEnumerable<(string Catalogued, string Built)> Names() => Entries.Select(e => (e.Name, e.Create().Name));

        /// <summary>
        /// The verbs' metadata as plain text, one line per verb: "verb|Cmdlet-Name|--option,--option|argument,argument" (a verb
        /// with a parent is written "parent verb"). Read by the tests that hold the CLI and the module in step; plain strings,
        /// so they can cross load contexts.
        /// </summary>
        public static string[] Describe() =>
            Entries.Select(e => (Entry: e, Command: e.Create()))
                .Select(x => (x.Entry.Parent == null ? x.Command.Name : x.Entry.Parent + " " + x.Command.Name) + "|" + x.Entry.Cmdlet + "|" +
                             string.Join(",", x.Command.Options.Select(o => o.Name)) + "|" +
                             string.Join(",", x.Command.Arguments.Select(a => a.Name))).ToArray();
    }
}
