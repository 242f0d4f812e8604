using System;
using System.Collections.Generic;
using System.Text;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// The type (1, 2 or 3) of an attribute at one place of the IOD of an instance, generated from PS3.3 (`hamlet-gen
    /// iod-types`, data in src/HamletPS.Generators/Data). A place is a node: the root node of the instance's IOD (from its SOP
    /// Class UID) or the items of a sequence at one path, which <see cref="Lookup"/> gives with the sequence's own type.
    /// 1C counts as 1 and 2C as 2 (the attribute is present, so its condition is taken as met). An attribute in two modules
    /// of one IOD has the more required type. A SOP Class of no known IOD gets a root that merges every known IOD (the most
    /// required type any IOD gives the attribute there), so no alternative that keeps some IOD valid is lost; the
    /// alternatives of a combined code never differ in what they disclose (see docs/deidentification.md). Lookups are a
    /// binary search in arrays built once: no allocation.
    /// </summary>
    public static partial class IodAttributeTypes
    {
        /// <summary>No node: a place the tables do not describe (private sequence, sequence not in the IOD). Every lookup there is type 0.</summary>
        public const int NoNode = -1;

        private static readonly Tables Data = new Tables();

        /// <summary>The root node of the IOD that a SOP Class instantiates; the merged root when the SOP Class has no known IOD.</summary>
        public static int RootFor(string sopClassUid)
        {
            if (sopClassUid != null && Data.Roots.TryGetValue(sopClassUid.Trim('\0', ' '), out var known)) return known.Root;
            return AnyIodRoot;
        }

        /// <summary>True when the SOP Class has an IOD in the tables.</summary>
        public static bool HasIod(string sopClassUid) => sopClassUid != null && Data.Roots.ContainsKey(sopClassUid.Trim('\0', ' '));

        /// <summary>The PS3.3 IOD (table and name, e.g. "A.19.3-1 RT Structure Set") of a SOP Class, or null.</summary>
        public static string IodName(string sopClassUid) =>
            sopClassUid != null && Data.Roots.TryGetValue(sopClassUid.Trim('\0', ' '), out var known) ? known.Name : null;

        /// <summary>
        /// The type of <paramref name="tag"/> at <paramref name="node"/> (0: not there, or no node) and the node of its items
        /// when it is a sequence (<see cref="NoNode"/> otherwise).
        /// </summary>
        public static int Lookup(int node, uint tag, out int items)
        {
            items = NoNode;
            var d = Data;
            if (node < 0 || node >= d.NodeCount) return 0;
            int lo = d.NodeStart[node], hi = d.NodeStart[node + 1] - 1;
            var tags = d.Tags;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                uint t = tags[mid];
                if (t == tag)
                {
                    items = d.Items[mid];
                    return d.Types[mid];
                }
                if (t < tag) lo = mid + 1;
                else hi = mid - 1;
            }
            return 0;
        }

        /// <summary>The type of an attribute at a path of tags (top level first) in the IOD of a SOP Class; 0 when unknown.</summary>
        public static int TypeAt(string sopClassUid, params uint[] path)
        {
            if (path == null || path.Length == 0) throw new ArgumentException("A path of at least one tag is needed.", nameof(path));
            int node = RootFor(sopClassUid), type = 0;
            foreach (uint tag in path)
            {
                type = Lookup(node, tag, out int items);
                node = items;
            }
            return type;
        }

        /// <summary>The parsed generated rows.</summary>
        private sealed class Tables
        {
            public readonly int NodeCount;
            public readonly int[] NodeStart;
            public readonly uint[] Tags;
            public readonly byte[] Types;
            public readonly int[] Items;
            public readonly Dictionary<string, (int Root, string Name)> Roots = new Dictionary<string, (int, string)>(StringComparer.Ordinal);

            public Tables()
            {
                var rows = NodeRows;
                int nodes = 0, entries = 0;
                for (int i = 1; i < rows.Length; i++)
                {
                    if (rows[i] == (byte)'\n') nodes++;
                    else if (rows[i] == (byte)' ' || rows[i - 1] == (byte)'\n') entries++;
                }
                NodeCount = nodes;
                NodeStart = new int[nodes + 1];
                Tags = new uint[entries];
                Types = new byte[entries];
                Items = new int[entries];
                int node = 0, k = 0, at = 1;
                while (node < nodes)
                {
                    NodeStart[node] = k;
                    while (rows[at] != (byte)'\n')
                    {
                        if (rows[at] == (byte)' ') at++;
                        uint tag = 0;
                        for (int j = 0; j < 8; j++) tag = (tag << 4) | Hex(rows[at++]);
                        Tags[k] = tag;
                        Types[k] = (byte)(rows[at++] - '0');
                        int items = NoNode;
                        if (rows[at] == (byte)'>')
                        {
                            at++;
                            items = 0;
                            while (rows[at] >= (byte)'0' && rows[at] <= (byte)'9') items = items * 10 + (rows[at++] - '0');
                        }
                        Items[k++] = items;
                    }
                    at++;
                    node++;
                }
                NodeStart[nodes] = k;
                foreach (var line in Encoding.ASCII.GetString(SopClassRows.ToArray()).Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    var cells = line.Split('|');
                    Roots[cells[0]] = (int.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture), cells[2] + " " + cells[3]);
                }
            }

            private static uint Hex(byte b) => b <= (byte)'9' ? (uint)(b - '0') : (uint)(b - 'A' + 10);
        }
    }
}
