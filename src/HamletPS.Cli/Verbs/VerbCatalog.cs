using System.Collections.Generic;
using System.CommandLine;

namespace HamletPS.Cli.Verbs
{
    /// <summary>Every verb of `hamlet`, with the cmdlet each one mirrors.</summary>
    public static class VerbCatalog
    {
        public static IEnumerable<Command> Create()
        {
            yield break;
        }
    }
}
