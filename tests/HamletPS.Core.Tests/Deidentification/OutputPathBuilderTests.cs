using System.Collections.Generic;
using System.Text;
using HamletPS.Core.Deidentification;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification
{
    /// <summary>The output path template, cut once per run, names files as replacing each placeholder in the template did.</summary>
    public class OutputPathBuilderTests
    {
        private static readonly string[] Names = { "StudyID", "StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "Modality", "SeriesNumber", "InstanceNumber" };

        /// <summary>The template with every "{name}" replaced by its sanitised value, placeholder by placeholder.</summary>
        private static string ByReplacing(string template, IDictionary<string, string> values)
        {
            var sb = new StringBuilder(template);
            foreach (string name in Names)
            {
                values.TryGetValue(name, out string value);
                sb.Replace("{" + name + "}", OutputPathBuilder.Sanitize(value));
            }
            return sb.ToString();
        }

        [Theory]
        [InlineData(null)]
        [InlineData("{Modality}/{Modality}_{InstanceNumber}.dcm")]
        [InlineData("{{StudyID}}/{Unknown}/{StudyID/{SOPInstanceUID}}.dcm")]
        [InlineData("plain/name.dcm")]
        [InlineData("{SeriesNumber}")]
        [InlineData("a{StudyID}b{StudyInstanceUID}c{SeriesInstanceUID}d{SOPInstanceUID}e{SeriesNumber}f{InstanceNumber}{")]
        public void Expand_GivesWhatReplacingEachPlaceholderGives(string template)
        {
            var builder = new OutputPathBuilder(template);
            var values = new Dictionary<string, string>
            {
                ["StudyID"] = "TRIAL-01 x", ["StudyInstanceUID"] = "2.25.1", ["SeriesInstanceUID"] = "2.25.2", ["SOPInstanceUID"] = "2.25.3",
                ["Modality"] = "C/T", ["SeriesNumber"] = null, ["InstanceNumber"] = " 7 ",
            };
            Assert.Equal(ByReplacing(builder.Template, values), builder.Expand(values));
            values.Remove("Modality");
            Assert.Equal(ByReplacing(builder.Template, values), builder.Expand(values));
        }
    }
}
