using System;
using System.CommandLine;
using HamletPS.Cli.Verbs;

namespace HamletPS.Cli
{
    /// <summary>
    /// `hamlet`: the module's verbs for machines without PowerShell (Linux servers, cron). Each verb is a thin mapping of the
    /// same option names onto the same Core call as its cmdlet.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            RootCommand root = BuildRootCommand();
            return root.Parse(args).Invoke();
        }

        /// <summary>The whole command tree (also read by the tests that compare it with the cmdlets' metadata).</summary>
        public static RootCommand BuildRootCommand()
        {
            var root = new RootCommand("hamlet " + Core.ProductInfo.Version +
                " — receive, sort, de-identify, archive and upload Hamlet.rt trial DICOM data without a patient identifier leaving the site.");
            foreach (Command verb in VerbCatalog.Create()) root.Subcommands.Add(verb);
            return root;
        }
    }
}
