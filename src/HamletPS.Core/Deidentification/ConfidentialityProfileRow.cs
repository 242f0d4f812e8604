using System;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// One row of PS3.15 Table E.1-1: an attribute (or a tag mask, or the "Private Attributes" row) and the action of the
    /// Basic Profile and of each option column.
    /// </summary>
    public sealed class ConfidentialityProfileRow
    {
        /// <summary>Number of option columns (<see cref="ConfidentialityOption"/>).</summary>
        public const int OptionCount = 10;

        private readonly ConfidentialityAction[] _options;

        public ConfidentialityProfileRow(
            string tagText, uint tag, uint mask, bool isPrivateAttributes, string keyword, string name, bool? retired,
            bool inStandardCompositeIod, ConfidentialityAction basic, ConfidentialityAction[] options)
        {
            if (options == null || options.Length != OptionCount)
                throw new ArgumentException("Expected one action per option column (" + OptionCount + ").", nameof(options));
            TagText = tagText;
            Tag = tag;
            Mask = mask;
            IsPrivateAttributes = isPrivateAttributes;
            Keyword = keyword ?? string.Empty;
            Name = name ?? string.Empty;
            Retired = retired;
            InStandardCompositeIod = inStandardCompositeIod;
            Basic = basic;
            _options = (ConfidentialityAction[])options.Clone();
        }

        /// <summary>The tag as printed in the table, e.g. "(0010,0010)", "(60xx,3000)", "(gggg,eeee)".</summary>
        public string TagText { get; }

        /// <summary>Group in the high 16 bits, element in the low 16; wildcard nibbles are 0. 0 for the private row.</summary>
        public uint Tag { get; }

        /// <summary>Bits of <see cref="Tag"/> that must match: 0xFFFFFFFF for a single attribute, 0xFF00FFFF for (60xx,3000) ...</summary>
        public uint Mask { get; }

        /// <summary>True for the table's "Private Attributes" row, which stands for every element of an odd group.</summary>
        public bool IsPrivateAttributes { get; }

        /// <summary>True when the row names one attribute rather than a repeating group or the private row.</summary>
        public bool IsSingleTag => !IsPrivateAttributes && Mask == 0xFFFFFFFFu;

        /// <summary>PS3.6 keyword; empty for the curve-data and private rows.</summary>
        public string Keyword { get; }

        /// <summary>Attribute name as printed in Table E.1-1.</summary>
        public string Name { get; }

        /// <summary>Retired in the data dictionary; null where the table row has no dictionary match.</summary>
        public bool? Retired { get; }

        /// <summary>"In Std. Comp. IOD": the attribute is used in a standard composite IOD.</summary>
        public bool InStandardCompositeIod { get; }

        /// <summary>Basic Profile action.</summary>
        public ConfidentialityAction Basic { get; }

        /// <summary>The action of an option column; <see cref="ConfidentialityAction.None"/> where the option leaves the Basic action.</summary>
        public ConfidentialityAction GetOptionAction(ConfidentialityOption option)
        {
            int index = (int)option;
            if (index < 0 || index >= OptionCount) throw new ArgumentOutOfRangeException(nameof(option));
            return _options[index];
        }

        /// <summary>
        /// Whether a data element tag (group &lt;&lt; 16 | element) falls under this row; a repeating-group row matches the
        /// even groups xx00..xx1E only, the private row every odd group.
        /// </summary>
        public bool Matches(uint tag)
        {
            uint group = tag >> 16;
            if (IsPrivateAttributes) return (group & 1u) == 1u;
            if ((tag & Mask) != Tag) return false;
            // Repeating groups (50xx, 60xx) are the even groups xx00..xx1E (PS3.5 7.6); odd groups there are private.
            if ((Mask >> 16) == 0xFF00u) return (group & 1u) == 0 && (group & 0xFFu) <= 0x1Eu;
            return true;
        }

        public override string ToString() => TagText + " " + Name;
    }
}
