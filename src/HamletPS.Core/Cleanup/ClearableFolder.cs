#nullable enable
using System;
using System.Collections.Generic;
using HamletPS.Core.Configuration;

namespace HamletPS.Core.Cleanup
{
    /// <summary>
    /// The folders Clear-HamletFolder and `hamlet clear` may empty, by name: INCOMING and SORTED of the configuration, never
    /// OUTGOING (it holds archives not yet sent). The cmdlet's ValidateSet and the verb's --folder choices are these constants.
    /// </summary>
    public static class ClearableFolder
    {
        public const string Incoming = "Incoming";
        public const string Sorted = "Sorted";

        /// <summary>Every name, in the order they are cleared by default.</summary>
        public static readonly IReadOnlyList<string> Names = new[] { Incoming, Sorted };

        /// <summary>True when <paramref name="name"/> is one of <see cref="Names"/> (case-insensitive, as PowerShell's ValidateSet).</summary>
        public static bool IsName(string name) =>
            string.Equals(name, Incoming, StringComparison.OrdinalIgnoreCase) || string.Equals(name, Sorted, StringComparison.OrdinalIgnoreCase);

        /// <summary>The configured folder of <paramref name="name"/>; throws <see cref="ArgumentException"/> for any other name.</summary>
        public static string PathOf(string name, HamletConfig config)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            if (string.Equals(name, Incoming, StringComparison.OrdinalIgnoreCase)) return config.DataPath.Incoming;
            if (string.Equals(name, Sorted, StringComparison.OrdinalIgnoreCase)) return config.DataPath.Sorted;
            throw new ArgumentException(InvalidNameMessage(name), nameof(name));
        }

        /// <summary>The error for a name that is not a clearable folder, listing the choices.</summary>
        public static string InvalidNameMessage(string name) =>
            "'" + name + "' is not a folder that can be cleared: choose " + Incoming + " or " + Sorted + " (OUTGOING is never cleared).";
    }
}
