using System;
using System.IO;
using System.Text;

namespace HamletPS.Cli.Verbs
{
    /// <summary>
    /// `--json` output is UTF-8 whatever the console's code page: on Windows the console (and a redirected standard output)
    /// uses the OEM code page (437, 850…), on Linux the locale's charset (LANG=C, ISO-8859-1…), which would turn a non-ASCII
    /// character into '?' or into bytes no JSON reader accepts. Only standard output changes, only for the run, and without
    /// touching the console window's own code page; text output keeps the console's encoding for people reading it.
    /// </summary>
    public static class JsonConsole
    {
        public static void UseUtf8IfJson(string[] args)
        {
            if (Array.IndexOf(args, "--json") < 0) return;
            Console.SetOut(new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true });
        }
    }
}
