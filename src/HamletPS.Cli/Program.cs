using System;
using System.Collections.Generic;
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
            JsonConsole.UseUtf8IfJson(args);
            AppDomain.CurrentDomain.UnhandledException += (_, e) =>
            {
                // A worker thread's exception ends the process: one line, no stack, then exit 1 (not the runtime's dump).
                LastChance(e.ExceptionObject as Exception, Console.Error);
                Console.Error.Flush();
                Environment.Exit(1);
            };
            try
            {
                RootCommand root = args.Length > 0 ? BuildRootCommandFor(args[0]) : BuildRootCommand();
                return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
            }
            catch (Exception ex)
            {
                return LastChance(ex, Console.Error);
            }
        }

        /// <summary>
        /// The last-chance handler: an engine error (<see cref="Core.HamletException"/>) no verb handled is reported with its id and
        /// message (exit 2 for a set-up error); any other exception is a bug, reported in one line with its type only — never its
        /// message or stack, which may name a sorted path (holding a Patient ID), a value or a secret. Exit code 1.
        /// </summary>
        public static int LastChance(Exception exception, System.IO.TextWriter error)
        {
            if (exception is AggregateException aggregate && aggregate.InnerExceptions.Count == 1) exception = aggregate.InnerExceptions[0];
            if (exception is OperationCanceledException)
            {
                error.WriteLine("error: " + Core.ErrorIds.Cancelled + ": the command was cancelled");
                return 1;
            }
            if (exception is Core.HamletException ours)
            {
                // The engine's own errors name no patient value or secret: reported like a verb would (id, message, remedy).
                error.WriteLine("error: " + ours.ErrorId + ": " + Core.PrintableText.Escape(Verbs.CliOutput.Describe(ours)));
                return Verbs.CliOutput.ExitCodeOf(ours);
            }
            error.WriteLine("error: " + Core.ErrorIds.InternalError + ": hamlet stopped on an unexpected " + (exception?.GetType().Name ?? "error") +
                " (details withheld: they may name patient files); please report the command that was run");
            return 1;
        }

        /// <summary>The whole command tree (also read by the tests that compare it with the cmdlets' metadata).</summary>
        public static RootCommand BuildRootCommand()
        {
            RootCommand root = NewRoot();
            foreach (Command verb in VerbCatalog.Create()) root.Subcommands.Add(verb);
            return root;
        }

        /// <summary>
        /// The tree a run needs: only the verb its first argument names (the other verbs are not built), or the whole tree when
        /// the first argument is no verb (--help, --version, a mistyped verb that the parser answers with suggestions).
        /// </summary>
        public static RootCommand BuildRootCommandFor(string firstArgument)
        {
            IReadOnlyList<Command> named = VerbCatalog.CreateNamed(firstArgument);
            if (named.Count == 0) return BuildRootCommand();
            RootCommand root = NewRoot();
            foreach (Command verb in named) root.Subcommands.Add(verb);
            return root;
        }

        private static RootCommand NewRoot() => new RootCommand("hamlet " + Core.ProductInfo.Version +
            " — receive, sort, de-identify, archive and upload Hamlet.rt trial DICOM data without a patient identifier leaving the site.");
    }
}
