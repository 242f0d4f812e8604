using System;
using System.Collections.Generic;
using System.IO;

namespace HamletPS.Generators
{
    /// <summary>
    /// The command line of one generator: `--name value` options, each with a default, every value a path taken relative to the
    /// repository root. Anything else prints the generator's usage line.
    /// </summary>
    public sealed class GeneratorCommandLine
    {
        private readonly Dictionary<string, string> _values;

        private GeneratorCommandLine(Dictionary<string, string> values, string root)
        {
            _values = values;
            Root = root;
        }

        /// <summary>The repository root relative paths are resolved against.</summary>
        public string Root { get; }

        /// <summary>
        /// Reads <paramref name="args"/> against the options and their defaults (option name without "--" -> default). Returns null
        /// after writing <paramref name="usage"/> to standard error when an argument is unknown or has no value.
        /// </summary>
        public static GeneratorCommandLine Parse(string[] args, IReadOnlyDictionary<string, string> defaults, string usage)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in defaults) values[pair.Key] = pair.Value;
            for (int i = 0; i < args.Length; i++)
            {
                string name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i].Substring(2) : null;
                if (name == null || !values.ContainsKey(name) || i + 1 >= args.Length)
                {
                    Console.Error.WriteLine("usage: " + usage);
                    return null;
                }
                values[name] = args[++i];
            }
            return new GeneratorCommandLine(values, RepositoryRoot.Find());
        }

        /// <summary>The full path of an option's value (relative values from the repository root).</summary>
        public string FullPath(string option) => Path.GetFullPath(Path.Combine(Root, _values[option]));
    }
}
