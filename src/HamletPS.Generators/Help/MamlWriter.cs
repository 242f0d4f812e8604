using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

namespace HamletPS.Generators.Help
{
    /// <summary>
    /// Writes commands' help as MAML (`helpItems` of `command:command`), the file PowerShell reads for Get-Help of a binary
    /// module (`en-US/&lt;Assembly&gt;.dll-Help.xml`). Deterministic: commands by name (ordinal), document order inside,
    /// two-space indentation, LF line endings, UTF-8 without BOM.
    /// </summary>
    public static class MamlWriter
    {
        public const string MshNamespace = "http://msh";
        public const string MamlNamespace = "http://schemas.microsoft.com/maml/2004/10";
        public const string CommandNamespace = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        public const string DevNamespace = "http://schemas.microsoft.com/maml/dev/2004/10";
        public const string MSHelpNamespace = "http://msdn.microsoft.com/mshelp";

        public static string Write(IEnumerable<CommandHelp> commands)
        {
            using (var stream = new MemoryStream())
            {
                Write(commands, stream);
                return new UTF8Encoding(false).GetString(stream.ToArray());
            }
        }

        public static void Write(IEnumerable<CommandHelp> commands, Stream output)
        {
            var settings = new XmlWriterSettings
            {
                Encoding = new UTF8Encoding(false),
                Indent = true,
                IndentChars = "  ",
                NewLineChars = "\n",
                NewLineHandling = NewLineHandling.Replace,
                CloseOutput = false,
            };
            using (XmlWriter xml = XmlWriter.Create(output, settings))
            {
                xml.WriteStartDocument();
                xml.WriteStartElement("helpItems", MshNamespace);
                xml.WriteAttributeString("schema", "maml");
                foreach (CommandHelp command in commands.OrderBy(c => c.Name, StringComparer.Ordinal)) WriteCommand(xml, command);
                xml.WriteEndElement();
                xml.WriteEndDocument();
            }
        }

        private static void WriteCommand(XmlWriter xml, CommandHelp command)
        {
            xml.WriteStartElement("command", "command", CommandNamespace);
            xml.WriteAttributeString("xmlns", "maml", null, MamlNamespace);
            xml.WriteAttributeString("xmlns", "command", null, CommandNamespace);
            xml.WriteAttributeString("xmlns", "dev", null, DevNamespace);
            xml.WriteAttributeString("xmlns", "MSHelp", null, MSHelpNamespace);

            xml.WriteStartElement("command", "details", CommandNamespace);
            xml.WriteElementString("command", "name", CommandNamespace, command.Name);
            xml.WriteElementString("command", "verb", CommandNamespace, command.Verb);
            xml.WriteElementString("command", "noun", CommandNamespace, command.Noun);
            WriteDescription(xml, command.Synopsis);
            xml.WriteEndElement();

            WriteDescription(xml, command.Description);

            xml.WriteStartElement("command", "syntax", CommandNamespace);
            foreach (SyntaxSetHelp set in command.SyntaxSets) WriteSyntaxItem(xml, command, set);
            xml.WriteEndElement();

            xml.WriteStartElement("command", "parameters", CommandNamespace);
            foreach (ParameterHelp parameter in command.Parameters) WriteParameter(xml, parameter, parameter.Blocks[0], inSyntax: false);
            xml.WriteEndElement();

            WriteTypes(xml, "inputTypes", "inputType", command.Inputs);
            WriteTypes(xml, "returnValues", "returnValue", command.Outputs);

            xml.WriteStartElement("maml", "alertSet", MamlNamespace);
            xml.WriteStartElement("maml", "alert", MamlNamespace);
            WriteParagraphs(xml, command.Notes);
            xml.WriteEndElement();
            xml.WriteEndElement();

            xml.WriteStartElement("command", "examples", CommandNamespace);
            foreach (ExampleHelp example in command.Examples)
            {
                xml.WriteStartElement("command", "example", CommandNamespace);
                xml.WriteElementString("maml", "title", MamlNamespace, "---------- " + example.Title + " ----------");
                xml.WriteElementString("dev", "code", DevNamespace, example.Code);
                xml.WriteStartElement("dev", "remarks", DevNamespace);
                WriteParagraphs(xml, example.Remarks);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();

            xml.WriteStartElement("command", "relatedLinks", CommandNamespace);
            foreach (RelatedLink link in command.RelatedLinks)
            {
                xml.WriteStartElement("maml", "navigationLink", MamlNamespace);
                xml.WriteElementString("maml", "linkText", MamlNamespace, link.Text);
                xml.WriteElementString("maml", "uri", MamlNamespace, link.Uri);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();

            xml.WriteEndElement();
        }

        /// <summary>
        /// One syntax item per parameter set: the parameters that belong to it, positional ones first by position, then the
        /// named ones in document order, each with the metadata of the block that covers this set.
        /// </summary>
        private static void WriteSyntaxItem(XmlWriter xml, CommandHelp command, SyntaxSetHelp set)
        {
            var members = new List<KeyValuePair<ParameterHelp, ParameterMetadataBlock>>();
            foreach (ParameterHelp parameter in command.Parameters)
            {
                ParameterMetadataBlock block = set.Name == SyntaxSetHelp.AllParameterSets
                    ? parameter.Blocks[0]
                    : parameter.Blocks.FirstOrDefault(b => b.AppliesTo(set.Name));
                if (block != null) members.Add(new KeyValuePair<ParameterHelp, ParameterMetadataBlock>(parameter, block));
            }
            var ordered = members.Where(m => m.Value.Position.HasValue).OrderBy(m => m.Value.Position.Value)
                .Concat(members.Where(m => !m.Value.Position.HasValue));

            xml.WriteStartElement("command", "syntaxItem", CommandNamespace);
            xml.WriteElementString("maml", "name", MamlNamespace, command.Name);
            foreach (var member in ordered) WriteParameter(xml, member.Key, member.Value, inSyntax: true);
            xml.WriteEndElement();
        }

        private static void WriteParameter(XmlWriter xml, ParameterHelp parameter, ParameterMetadataBlock block, bool inSyntax)
        {
            xml.WriteStartElement("command", "parameter", CommandNamespace);
            xml.WriteAttributeString("required", Bool(block.Required));
            xml.WriteAttributeString("variableLength", Bool(block.IsArray));
            xml.WriteAttributeString("globbing", Bool(block.AcceptsWildcards));
            xml.WriteAttributeString("pipelineInput", block.PipelineInputText);
            xml.WriteAttributeString("position", block.Position.HasValue ? block.Position.Value.ToString(CultureInfo.InvariantCulture) : "named");
            xml.WriteAttributeString("aliases", block.Aliases.Count == 0 ? "none" : string.Join(", ", block.Aliases));

            xml.WriteElementString("maml", "name", MamlNamespace, parameter.Name);
            WriteDescription(xml, parameter.Description);
            if (block.AcceptedValues.Count > 0)
            {
                xml.WriteStartElement("command", "parameterValueGroup", CommandNamespace);
                foreach (string value in block.AcceptedValues)
                {
                    xml.WriteStartElement("command", "parameterValue", CommandNamespace);
                    xml.WriteAttributeString("required", "false");
                    xml.WriteAttributeString("command", "variableLength", CommandNamespace, "false");
                    xml.WriteString(value);
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            else if (!(inSyntax && block.IsSwitch))
            {
                xml.WriteStartElement("command", "parameterValue", CommandNamespace);
                xml.WriteAttributeString("required", Bool(!block.IsSwitch));
                xml.WriteAttributeString("variableLength", Bool(block.IsArray));
                xml.WriteString(block.Type);
                xml.WriteEndElement();
            }
            xml.WriteStartElement("dev", "type", DevNamespace);
            xml.WriteElementString("maml", "name", MamlNamespace, block.Type);
            xml.WriteElementString("maml", "uri", MamlNamespace, string.Empty);
            xml.WriteEndElement();
            xml.WriteElementString("dev", "defaultValue", DevNamespace, block.DefaultValue);
            xml.WriteEndElement();
        }

        private static void WriteTypes(XmlWriter xml, string listElement, string itemElement, List<TypeHelp> types)
        {
            xml.WriteStartElement("command", listElement, CommandNamespace);
            foreach (TypeHelp type in types)
            {
                xml.WriteStartElement("command", itemElement, CommandNamespace);
                xml.WriteStartElement("dev", "type", DevNamespace);
                xml.WriteElementString("maml", "name", MamlNamespace, type.Name);
                xml.WriteEndElement();
                WriteDescription(xml, type.Description);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }

        private static void WriteDescription(XmlWriter xml, List<string> paragraphs)
        {
            xml.WriteStartElement("maml", "description", MamlNamespace);
            WriteParagraphs(xml, paragraphs);
            xml.WriteEndElement();
        }

        private static void WriteParagraphs(XmlWriter xml, List<string> paragraphs)
        {
            if (paragraphs.Count == 0)
            {
                xml.WriteElementString("maml", "para", MamlNamespace, string.Empty);
                return;
            }
            foreach (string paragraph in paragraphs) xml.WriteElementString("maml", "para", MamlNamespace, paragraph);
        }

        private static string Bool(bool value) => value ? "true" : "false";
    }
}
