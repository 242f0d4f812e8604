using System.Collections.Generic;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// PS3.15 Table E.1-1 as data. The rows are generated (Generated/ConfidentialityProfileTable.g.cs) from
    /// src/HamletPS.Generators/Data/confidentiality-profile.tsv by `hamlet-gen profile`; this part adds the look-ups.
    /// </summary>
    public static partial class ConfidentialityProfileTable
    {
        // Declared here, in this order, so the rows exist before the index is built (CreateRows is generated).
        private static readonly ConfidentialityProfileRow[] AllRows = CreateRows();
        private static readonly Dictionary<uint, ConfidentialityProfileRow> BySingleTag = BuildIndex();

        /// <summary>Every row in table order.</summary>
        public static IReadOnlyList<ConfidentialityProfileRow> Rows => AllRows;

        /// <summary>
        /// The row for a data element tag: the attribute's own row, else a repeating-group row ((50xx,xxxx), (60xx,3000),
        /// (60xx,4000)), else the Private Attributes row for odd groups; null when the table does not list the tag.
        /// </summary>
        public static ConfidentialityProfileRow Find(uint tag)
        {
            if (BySingleTag.TryGetValue(tag, out var row)) return row;
            ConfidentialityProfileRow privateRow = null;
            foreach (var r in AllRows)
            {
                if (r.IsSingleTag) continue;
                if (r.IsPrivateAttributes) { privateRow = r; continue; }
                if (r.Matches(tag)) return r;
            }
            return privateRow != null && privateRow.Matches(tag) ? privateRow : null;
        }

        /// <summary>The row of a single attribute by its PS3.6 keyword; null when absent.</summary>
        public static ConfidentialityProfileRow FindByKeyword(string keyword)
        {
            if (string.IsNullOrEmpty(keyword)) return null;
            foreach (var r in AllRows)
                if (string.Equals(r.Keyword, keyword, System.StringComparison.Ordinal)) return r;
            return null;
        }

        private static Dictionary<uint, ConfidentialityProfileRow> BuildIndex()
        {
            var index = new Dictionary<uint, ConfidentialityProfileRow>();
            foreach (var r in AllRows)
                if (r.IsSingleTag && !index.ContainsKey(r.Tag)) index.Add(r.Tag, r);
            return index;
        }
    }
}
