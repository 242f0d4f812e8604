using System.Collections.Generic;
using System.CommandLine;
using System.Linq;

namespace HamletPS.Cli.Verbs
{
    /// <summary>Every verb of `hamlet`, with the cmdlet each one mirrors (same option names, kebab-cased).</summary>
    public static class VerbCatalog
    {
        /// <summary>(verb factory, cmdlet name) for every verb.</summary>
        private static IEnumerable<(Command Command, string Cmdlet)> Entries()
        {
            yield return (InspectVerb.Create(), InspectVerb.CmdletName);
        }

        public static IEnumerable<Command> Create() => Entries().Select(e => e.Command);

        /// <summary>
        /// The verbs' metadata as plain text, one line per verb: "verb|Cmdlet-Name|--option,--option|argument,argument".
        /// Read by the tests that hold the CLI and the module in step (plain strings, so they can cross load contexts).
        /// </summary>
        public static string[] Describe() =>
            Entries().Select(e => e.Command.Name + "|" + e.Cmdlet + "|" +
                                  string.Join(",", e.Command.Options.Select(o => o.Name)) + "|" +
                                  string.Join(",", e.Command.Arguments.Select(a => a.Name))).ToArray();
    }
}
