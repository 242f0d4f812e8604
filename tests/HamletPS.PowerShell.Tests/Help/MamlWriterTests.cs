using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Xml;
using HamletPS.Generators.Help;
using Xunit;

namespace HamletPS.PowerShell.Tests.Help
{
    public class MamlWriterTests
    {
        private static XmlDocument WriteFixture(out XmlNamespaceManager ns)
        {
            var document = new XmlDocument();
            document.LoadXml(MamlWriter.Write(new[] { CommandMarkdownReader.Read(HelpFixture.Markdown, HelpFixture.FileName) }));
            ns = new XmlNamespaceManager(document.NameTable);
            ns.AddNamespace("msh", MamlWriter.MshNamespace);
            ns.AddNamespace("maml", MamlWriter.MamlNamespace);
            ns.AddNamespace("command", MamlWriter.CommandNamespace);
            ns.AddNamespace("dev", MamlWriter.DevNamespace);
            return document;
        }

        private static string Text(XmlNode node, string xpath, XmlNamespaceManager ns) => node.SelectSingleNode(xpath, ns)?.InnerText;

        [Fact]
        public void Write_GivesTheMamlStructure()
        {
            XmlDocument xml = WriteFixture(out var ns);
            Assert.Equal("helpItems", xml.DocumentElement.LocalName);
            Assert.Equal(MamlWriter.MshNamespace, xml.DocumentElement.NamespaceURI);
            Assert.Equal("maml", xml.DocumentElement.GetAttribute("schema"));
            XmlNode command = xml.SelectSingleNode("/msh:helpItems/command:command", ns);
            Assert.NotNull(command);

            Assert.Equal("Get-HelpFixture", Text(command, "command:details/command:name", ns));
            Assert.Equal("Get", Text(command, "command:details/command:verb", ns));
            Assert.Equal("HelpFixture", Text(command, "command:details/command:noun", ns));
            Assert.Equal("Reads fixture items for the help generator tests.", Text(command, "command:details/maml:description/maml:para", ns));
            Assert.Equal(4, command.SelectNodes("maml:description/maml:para", ns).Count);

            XmlNodeList items = command.SelectNodes("command:syntax/command:syntaxItem", ns);
            Assert.Equal(2, items.Count);
            Assert.Equal(new[] { "Path", "Mode", "Recurse" }, Names(items[0], ns));
            Assert.Equal(new[] { "LiteralPath", "Mode", "Recurse" }, Names(items[1], ns));
            XmlElement syntaxPath = (XmlElement)items[0].SelectSingleNode("command:parameter[maml:name='Path']", ns);
            Assert.Equal("0", syntaxPath.GetAttribute("position"));
            Assert.Equal("true", syntaxPath.GetAttribute("required"));
            XmlElement syntaxRecurse = (XmlElement)items[0].SelectSingleNode("command:parameter[maml:name='Recurse']", ns);
            Assert.Null(syntaxRecurse.SelectSingleNode("command:parameterValue", ns));
            Assert.Equal(new[] { "Fast", "Full" }, items[0].SelectNodes("command:parameter[maml:name='Mode']/command:parameterValueGroup/command:parameterValue", ns).Cast<XmlNode>().Select(n => n.InnerText));

            XmlElement path = (XmlElement)command.SelectSingleNode("command:parameters/command:parameter[maml:name='Path']", ns);
            Assert.Equal("true", path.GetAttribute("required"));
            Assert.Equal("true", path.GetAttribute("variableLength"));
            Assert.Equal("true", path.GetAttribute("globbing"));
            Assert.Equal("True (ByPropertyName, ByValue)", path.GetAttribute("pipelineInput"));
            Assert.Equal("0", path.GetAttribute("position"));
            Assert.Equal("FullName", path.GetAttribute("aliases"));
            Assert.Equal("Folders to read. Wildcards are expanded.", Text(path, "maml:description/maml:para", ns));
            Assert.Equal("String[]", Text(path, "command:parameterValue", ns));
            Assert.Equal("String[]", Text(path, "dev:type/maml:name", ns));
            Assert.Equal("None", Text(path, "dev:defaultValue", ns));
            XmlElement mode = (XmlElement)command.SelectSingleNode("command:parameters/command:parameter[maml:name='Mode']", ns);
            Assert.Equal("named", mode.GetAttribute("position"));
            Assert.Equal("none", mode.GetAttribute("aliases"));
            Assert.Equal("False", mode.GetAttribute("pipelineInput"));
            XmlElement recurse = (XmlElement)command.SelectSingleNode("command:parameters/command:parameter[maml:name='Recurse']", ns);
            Assert.Equal("SwitchParameter", Text(recurse, "command:parameterValue", ns));
            Assert.Equal("false", ((XmlElement)recurse.SelectSingleNode("command:parameterValue", ns)).GetAttribute("required"));

            Assert.Equal("System.String", Text(command, "command:inputTypes/command:inputType/dev:type/maml:name", ns));
            Assert.Equal("A folder path.", Text(command, "command:inputTypes/command:inputType/maml:description/maml:para", ns));
            Assert.Equal("System.IO.FileInfo", Text(command, "command:returnValues/command:returnValue/dev:type/maml:name", ns));
            Assert.Equal("A note for administrators.", Text(command, "maml:alertSet/maml:alert/maml:para", ns));

            XmlNodeList examples = command.SelectNodes("command:examples/command:example", ns);
            Assert.Equal(2, examples.Count);
            Assert.Contains("Example 1: Read one folder", Text(examples[0], "maml:title", ns));
            Assert.Equal("Get-HelpFixture -Path C:\\fixture", Text(examples[0], "dev:code", ns));
            Assert.Equal("Reads the folder.", Text(examples[0], "dev:remarks/maml:para", ns));

            var links = command.SelectNodes("command:relatedLinks/maml:navigationLink", ns).Cast<XmlNode>()
                .Select(n => Text(n, "maml:linkText", ns) + "|" + Text(n, "maml:uri", ns)).ToList();
            Assert.Equal(new[] { "Online Version:|https://example.invalid/help/Get-HelpFixture", "about_HamletPS|https://example.invalid/help/about_HamletPS", "Get-Command|" }, links);

            // The sections in the order Get-Help's MAML reader expects them.
            Assert.Equal(
                new[] { "details", "description", "syntax", "parameters", "inputTypes", "returnValues", "alertSet", "examples", "relatedLinks" },
                command.ChildNodes.OfType<XmlElement>().Select(e => e.LocalName));
        }

        private static string[] Names(XmlNode item, XmlNamespaceManager ns) =>
            item.SelectNodes("command:parameter/maml:name", ns).Cast<XmlNode>().Select(n => n.InnerText).ToArray();

        [Fact]
        public void Write_IsDeterministicAndOrdersCommandsByName()
        {
            CommandHelp fixture = CommandMarkdownReader.Read(HelpFixture.Markdown, HelpFixture.FileName);
            CommandHelp other = CommandMarkdownReader.Read(HelpFixture.Markdown.Replace("Get-HelpFixture", "Add-HelpFixture"), "Add-HelpFixture.md");
            string first = MamlWriter.Write(new[] { fixture, other });
            string second = MamlWriter.Write(new[] { other, fixture });
            Assert.Equal(first, second);
            Assert.DoesNotContain("\r", first);
            Assert.True(first.IndexOf("<command:name>Add-HelpFixture", StringComparison.Ordinal) < first.IndexOf("<command:name>Get-HelpFixture", StringComparison.Ordinal));
        }

        [Fact]
        public void Generate_WritesBothFilesAndSkipsTemplates()
        {
            using var temp = new TempFolder("help", create: false);
            string root = temp.Path;
            try
            {
                string docs = Path.Combine(root, "docs");
                Directory.CreateDirectory(docs);
                File.WriteAllText(Path.Combine(docs, HelpFixture.FileName), HelpFixture.Markdown);
                File.WriteAllText(Path.Combine(docs, "_template.md"), "not a command");
                string about = Path.Combine(root, "about_HelpFixture.md");
                File.WriteAllText(about, "# about_HelpFixture\n\n## SHORT DESCRIPTION\nShort.\n\n## LONG DESCRIPTION\nLong.\n");
                string output = Path.Combine(root, "out", "en-US");

                var written = HelpGenerator.Generate(docs, about, output);
                byte[] maml = File.ReadAllBytes(Path.Combine(output, "HamletPS.dll-Help.xml"));
                string text = File.ReadAllText(Path.Combine(output, "about_HelpFixture.help.txt"));
                Assert.Equal(2, written.Count);
                Assert.Contains("<command:name>Get-HelpFixture</command:name>", System.Text.Encoding.UTF8.GetString(maml));
                Assert.StartsWith("TOPIC\n    about_HelpFixture\n", text);
                Assert.Empty(Directory.GetFiles(output, "*.partial"));

                HelpGenerator.Generate(docs, about, output);
                Assert.Equal(maml, File.ReadAllBytes(Path.Combine(output, "HamletPS.dll-Help.xml")));
            }
            finally
            {
                if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
            }
        }

        /// <summary>
        /// The generated MAML read by PowerShell's own help system: a function in a test runspace points at it with
        /// .EXTERNALHELP, and Get-Help -Full must show what the markdown says.
        /// </summary>
        [Fact]
        public void GeneratedMaml_IsReadByGetHelp()
        {
            using var temp = new TempFolder("help");
            string folder = temp.Path;
            try
            {
                string maml = Path.Combine(folder, "HelpFixture-Help.xml");
                File.WriteAllText(maml, MamlWriter.Write(new[] { CommandMarkdownReader.Read(HelpFixture.Markdown, HelpFixture.FileName) }));
                using var session = new PowerShellSession(importModule: false);
                session.Invoke(string.Format(HelpFixture.FunctionTemplate, maml));

                HelpView help = HelpView.Get(session, HelpFixture.CommandName);
                Assert.Equal("Reads fixture items for the help generator tests.", help.Synopsis);
                Assert.Contains("The first paragraph of the description, written over two lines.", help.Description);
                Assert.Equal(new[] { "Path", "LiteralPath", "Mode", "Recurse" }, help.Parameters.Select(p => p.Name));
                HelpView.ParameterView path = help.Parameters[0];
                Assert.Equal("Folders to read. Wildcards are expanded.", path.Description);
                Assert.Equal("String[]", path.Type);
                Assert.Equal("true", path.Required);
                Assert.Equal("0", path.Position);
                Assert.Equal("True (ByPropertyName, ByValue)", path.PipelineInput);
                Assert.Equal("true", path.Globbing);
                Assert.Equal("FullName", path.Aliases);
                Assert.Equal(2, help.Examples.Count);
                Assert.Equal("Get-HelpFixture -Path C:\\fixture", help.Examples[0].Code);
                Assert.Contains("Reads both folders in full.", help.Examples[1].Remarks);
                Assert.Equal(new[] { "System.String" }, help.Inputs);
                Assert.Equal(new[] { "System.IO.FileInfo" }, help.Outputs);
                Assert.Contains("A note for administrators.", help.Notes);
                Assert.Equal(new[] { "Path,Mode,Recurse", "LiteralPath,Mode,Recurse" }, help.SyntaxSets);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        /// <summary>The docs-against-metadata comparison agrees with a matching function and reports each kind of drift.</summary>
        [Fact]
        public void MetadataComparer_FindsDriftBetweenMarkdownAndCommand()
        {
            using var session = new PowerShellSession(importModule: false);
            session.Invoke(string.Format(HelpFixture.FunctionTemplate, "unused.xml"));
            var command = (CommandInfo)session.Invoke("Get-Command -Name $args[0]", HelpFixture.CommandName).Single().BaseObject;

            Assert.Empty(HelpMetadataComparer.Compare(CommandMarkdownReader.Read(HelpFixture.Markdown, HelpFixture.FileName), command));

            List<string> Drift(string find, string replace)
            {
                Assert.Contains(find, HelpFixture.Markdown);
                return HelpMetadataComparer.Compare(CommandMarkdownReader.Read(HelpFixture.Markdown.Replace(find, replace), HelpFixture.FileName), command);
            }

            Assert.Contains(Drift("Type: String\n", "Type: Int32\n"), p => p.Contains("-Mode: Type is Int32, the parameter is String"));
            Assert.Contains(Drift("Aliases: PSPath", "Aliases: LP"), p => p.Contains("-LiteralPath: Aliases are LP, the parameter has PSPath"));
            Assert.Contains(Drift("Position: 0", "Position: 1"), p => p.Contains("-Path: Position is 1 in set Path, the parameter says 0"));
            Assert.Contains(Drift("Accept pipeline input: True (ByPropertyName)\n", "Accept pipeline input: False\n"),
                p => p.Contains("-LiteralPath: Accept pipeline input is False in set LiteralPath, the parameter says True (ByPropertyName)"));
            Assert.Contains(Drift("Accept wildcard characters: True", "Accept wildcard characters: False"), p => p.Contains("-Path: Accept wildcard characters is False"));
            Assert.Contains(Drift("Required: True\nPosition: 0", "Required: False\nPosition: 0"), p => p.Contains("-Path: Required is False in set Path, the parameter says True"));
            Assert.Contains(Drift("### Path (Default)", "### Path"), p => p.Contains("the default parameter set is Path, documented as none"));

            string withoutRecurse = HelpFixture.Markdown
                .Replace(" [-Recurse]", string.Empty)
                .Replace(HelpFixture.Markdown.Substring(HelpFixture.Markdown.IndexOf("### -Recurse", StringComparison.Ordinal),
                    HelpFixture.Markdown.IndexOf("### CommonParameters", StringComparison.Ordinal) - HelpFixture.Markdown.IndexOf("### -Recurse", StringComparison.Ordinal)), string.Empty);
            Assert.Contains(HelpMetadataComparer.Compare(CommandMarkdownReader.Read(withoutRecurse, HelpFixture.FileName), command), p => p.Contains("-Recurse of Get-HelpFixture is not documented"));

            string withExtra = HelpFixture.Markdown
                .Replace("[-Recurse] [<CommonParameters>]", "[-Recurse] [-Force] [<CommonParameters>]")
                .Replace("[-Recurse]\n [<CommonParameters>]", "[-Recurse] [-Force]\n [<CommonParameters>]")
                .Replace("### CommonParameters", "### -Force\nForces.\n\n```yaml\nType: SwitchParameter\nParameter Sets: (All)\nAliases: None\n\nRequired: False\nPosition: Named\nDefault value: False\nAccept pipeline input: False\nAccept wildcard characters: False\n```\n\n### CommonParameters");
            Assert.Contains(HelpMetadataComparer.Compare(CommandMarkdownReader.Read(withExtra, HelpFixture.FileName), command), p => p.Contains("documents -Force, which Get-HelpFixture does not have"));
        }
    }
}
