using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using HamletPS.Core.Tests.Deidentification;
using Xunit;

namespace HamletPS.Core.Tests.Dose
{
    /// <summary>
    /// An SR content tree as dcmtk's dsrdump prints it (+Pc all codes, +Pl long values, -Ph no header), parsed by indentation:
    /// the independent reading our dose report values are checked against.
    /// </summary>
    internal sealed class DsrdumpTree
    {
        private const string Dsrdump = "/usr/bin/dsrdump";
        private static readonly Regex Line = new Regex(@"^(?<indent> *)<(?:(?<rel>[a-z ]+) )?(?<type>[A-Z]+):\((?<code>[^,]*),(?<scheme>[^,]*),""(?<meaning>[^""]*)""\)(?:=(?<value>.*))?>$", RegexOptions.CultureInvariant);
        private static readonly Regex Num = new Regex(@"^""(?<v>[^""]*)"" \((?<u>[^,]*),", RegexOptions.CultureInvariant);
        private static readonly Regex CodeValue = new Regex(@"^\((?<c>[^,]*),(?<s>[^,]*),""(?<m>[^""]*)""\)$", RegexOptions.CultureInvariant);

        public string Type { get; private set; }
        public string Concept { get; private set; }
        public string RawValue { get; private set; }
        public List<DsrdumpTree> Children { get; } = new List<DsrdumpTree>();

        /// <summary>Runs dsrdump on the file and parses its tree (fails the test when dsrdump is missing or fails).</summary>
        public static DsrdumpTree Read(string path)
        {
            Assert.True(System.IO.File.Exists(Dsrdump), "dsrdump is missing (Debian package dcmtk; tests/run.sh installs it)");
            var run = DeidTestSupport.Run(Dsrdump, "+Pc", "+Pl", "-Ph", path);
            Assert.True(run.ExitCode == 0, "dsrdump failed on " + path + ": " + run.StdErr);
            var root = new DsrdumpTree { Type = "DOCUMENT" };
            var stack = new Stack<(int Indent, DsrdumpTree Node)>();
            stack.Push((-1, root));
            foreach (string raw in run.StdOut.Split('\n'))
            {
                string line = raw.TrimEnd('\r');
                if (line.Trim().Length == 0) continue;
                Match m = Line.Match(line);
                Assert.True(m.Success, "unexpected dsrdump line: " + line);
                int indent = m.Groups["indent"].Length;
                var node = new DsrdumpTree
                {
                    Type = m.Groups["type"].Value,
                    Concept = m.Groups["code"].Value + "," + m.Groups["scheme"].Value,
                    RawValue = m.Groups["value"].Success ? m.Groups["value"].Value : null,
                };
                while (stack.Peek().Indent >= indent) stack.Pop();
                stack.Peek().Node.Children.Add(node);
                stack.Push((indent, node));
            }
            return Assert.Single(root.Children);
        }

        /// <summary>Children with this concept ("113819,DCM").</summary>
        public IEnumerable<DsrdumpTree> All(string concept) => Children.Where(c => c.Concept == concept);

        /// <summary>The child at the end of a path of concepts, or null.</summary>
        public DsrdumpTree At(params string[] concepts)
        {
            DsrdumpTree node = this;
            foreach (string c in concepts)
            {
                node = node.Children.FirstOrDefault(x => x.Concept == c);
                if (node == null) return null;
            }
            return node;
        }

        /// <summary>NUM value as printed, converted by <paramref name="factor"/>; null when the node is absent.</summary>
        public double? Number(double factor = 1, params string[] concepts)
        {
            DsrdumpTree n = At(concepts);
            if (n == null) return null;
            Assert.Equal("NUM", n.Type);
            return double.Parse(Num.Match(n.RawValue).Groups["v"].Value, CultureInfo.InvariantCulture) * factor;
        }

        public string Unit(params string[] concepts) => Num.Match(At(concepts).RawValue).Groups["u"].Value;

        /// <summary>TEXT/UIDREF/DATETIME value without quotes, or a CODE's meaning; null when absent.</summary>
        public string Text(params string[] concepts)
        {
            DsrdumpTree n = At(concepts);
            if (n == null) return null;
            if (n.Type == "CODE") return CodeValue.Match(n.RawValue).Groups["m"].Value;
            return n.RawValue.Trim('"');
        }
    }
}
