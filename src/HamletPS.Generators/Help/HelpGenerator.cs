using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using HamletPS.Dicom.IO;

namespace HamletPS.Generators.Help
{
    /// <summary>
    /// `hamlet-gen help --docs DIR --about FILE --out DIR`: reads every docs/cmdlets/Verb-Noun.md (files starting with `_`
    /// are templates and skipped) and the about topic, and writes `HamletPS.dll-Help.xml` and `about_Name.help.txt` into the
    /// output folder (temporary name, then rename). The same input gives byte-identical output.
    /// </summary>
    public static class HelpGenerator
    {
        public const string MamlFileName = "HamletPS.dll-Help.xml";
        public const string DefaultDocsFolder = "docs/cmdlets";
        public const string DefaultAboutFile = "docs/about_HamletPS.md";

        public static int Run(string[] args)
        {
            string docs = DefaultDocsFolder, about = DefaultAboutFile, output = null;
            for (int i = 0; i < args.Length; i++)
            {
                bool hasValue = i + 1 < args.Length;
                if (args[i] == "--docs" && hasValue) docs = args[++i];
                else if (args[i] == "--about" && hasValue) about = args[++i];
                else if (args[i] == "--out" && hasValue) output = args[++i];
                else return Usage();
            }
            if (output == null) return Usage();

            string root = RepositoryRoot.Find();
            try
            {
                IReadOnlyList<string> written = Generate(
                    Path.GetFullPath(Path.Combine(root, docs)), Path.GetFullPath(Path.Combine(root, about)), Path.GetFullPath(Path.Combine(root, output)));
                foreach (string file in written) Console.WriteLine("wrote " + file);
                return 0;
            }
            catch (HelpFormatException e)
            {
                // file:line: reason — the form compilers use, so build logs and editors link to the line.
                Console.Error.WriteLine(e.Message);
                return 1;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Console.Error.WriteLine("hamlet-gen help: " + e.Message);
                return 1;
            }
        }

        private static int Usage()
        {
            Console.Error.WriteLine("usage: hamlet-gen help [--docs <folder of Verb-Noun.md>] [--about <about_Name.md>] --out <folder>");
            return 2;
        }

        /// <summary>The command markdown files of a docs folder, in ordinal order, templates (`_*.md`) excluded.</summary>
        public static IReadOnlyList<string> CommandFiles(string docsFolder) =>
            Directory.GetFiles(docsFolder, "*.md")
                .Where(f => !Path.GetFileName(f).StartsWith("_", StringComparison.Ordinal))
                .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
                .ToList();

        /// <summary>Reads every command file of the folder (the first error stops it).</summary>
        public static List<CommandHelp> ReadCommands(string docsFolder) =>
            CommandFiles(docsFolder).Select(CommandMarkdownReader.ReadFile).ToList();

        /// <summary>Writes the MAML file and the about topic; returns the paths written.</summary>
        public static IReadOnlyList<string> Generate(string docsFolder, string aboutFile, string outputFolder)
        {
            if (!Directory.Exists(docsFolder)) throw new DirectoryNotFoundException("help docs folder not found: " + docsFolder);
            List<CommandHelp> commands = ReadCommands(docsFolder);
            string aboutMarkdown = File.ReadAllText(aboutFile, Encoding.UTF8);
            string topic = AboutTopicWriter.ReadTopicName(aboutMarkdown, aboutFile);
            string aboutText = AboutTopicWriter.Convert(aboutMarkdown, aboutFile);

            Directory.CreateDirectory(outputFolder);
            string maml = Path.Combine(outputFolder, MamlFileName);
            WriteAtomically(maml, stream => MamlWriter.Write(commands, stream));
            string aboutTarget = Path.Combine(outputFolder, topic + ".help.txt");
            // With a BOM: Windows PowerShell 5.1 reads a BOM-less text file as the ANSI code page.
            byte[] aboutBytes = new UTF8Encoding(true).GetPreamble().Concat(new UTF8Encoding(false).GetBytes(aboutText)).ToArray();
            WriteAtomically(aboutTarget, stream => stream.Write(aboutBytes, 0, aboutBytes.Length));
            return new[] { maml, aboutTarget };
        }

        private static void WriteAtomically(string target, Action<Stream> write)
        {
            string temp = TemporaryFileName.Fixed(target);
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
            }
            File.Move(temp, target, overwrite: true);
        }
    }
}
