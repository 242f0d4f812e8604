using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace HamletPS.PowerShell.Tests.Help
{
    /// <summary>What `Get-Help &lt;command&gt; -Full` shows, flattened in the engine into plain strings.</summary>
    public sealed class HelpView
    {
        private const string Script = @"
$h = Get-Help -Name $args[0] -Full -ErrorAction Stop
[pscustomobject]@{
    Name        = [string]$h.Name
    Synopsis    = ([string]$h.Synopsis).Trim()
    Description = (@($h.description) | ForEach-Object { [string]$_.Text }) -join ""`n""
    Parameters  = @(@($h.parameters.parameter) | Where-Object { $_ } | ForEach-Object {
        [pscustomobject]@{
            Name          = [string]$_.name
            Description   = (@($_.description) | ForEach-Object { [string]$_.Text }) -join ""`n""
            Type          = [string]$_.type.name
            Required      = [string]$_.required
            Position      = [string]$_.position
            PipelineInput = [string]$_.pipelineInput
            Globbing      = [string]$_.globbing
            Aliases       = [string]$_.aliases
        }
    })
    Examples    = @(@($h.examples.example) | Where-Object { $_ } | ForEach-Object {
        [pscustomobject]@{
            Title   = [string]$_.title
            Code    = [string]$_.code
            Remarks = (@($_.remarks) | ForEach-Object { [string]$_.Text }) -join ""`n""
        }
    })
    Inputs      = @(@($h.inputTypes.inputType) | Where-Object { $_ } | ForEach-Object { [string]$_.type.name })
    Outputs     = @(@($h.returnValues.returnValue) | Where-Object { $_ } | ForEach-Object { [string]$_.type.name })
    Notes       = (@($h.alertSet.alert) | ForEach-Object { [string]$_.Text }) -join ""`n""
    Links       = @(@($h.relatedLinks.navigationLink) | Where-Object { $_ } | ForEach-Object { [string]$_.linkText + '|' + [string]$_.uri })
    SyntaxSets  = @(@($h.syntax.syntaxItem) | Where-Object { $_ } | ForEach-Object { (@($_.parameter) | Where-Object { $_ } | ForEach-Object { [string]$_.name }) -join ',' })
}";

        public string Name { get; private set; }
        public string Synopsis { get; private set; }
        public string Description { get; private set; }
        public List<ParameterView> Parameters { get; } = new List<ParameterView>();
        public List<ExampleView> Examples { get; } = new List<ExampleView>();
        public List<string> Inputs { get; private set; }
        public List<string> Outputs { get; private set; }
        public string Notes { get; private set; }
        public List<string> Links { get; private set; }

        /// <summary>Per syntax item, its parameter names joined with commas.</summary>
        public List<string> SyntaxSets { get; private set; }

        public sealed class ParameterView
        {
            public string Name, Description, Type, Required, Position, PipelineInput, Globbing, Aliases;
        }

        public sealed class ExampleView
        {
            public string Title, Code, Remarks;
        }

        public static HelpView Get(PowerShellSession session, string command)
        {
            PSObject o = session.Invoke(Script, command).Single();
            var view = new HelpView
            {
                Name = Text(o, "Name"),
                Synopsis = Text(o, "Synopsis"),
                Description = Text(o, "Description"),
                Notes = Text(o, "Notes"),
                Inputs = Strings(o, "Inputs"),
                Outputs = Strings(o, "Outputs"),
                Links = Strings(o, "Links"),
                SyntaxSets = Strings(o, "SyntaxSets"),
            };
            foreach (PSObject p in Objects(o, "Parameters"))
            {
                view.Parameters.Add(new ParameterView
                {
                    Name = Text(p, "Name"), Description = Text(p, "Description"), Type = Text(p, "Type"), Required = Text(p, "Required"),
                    Position = Text(p, "Position"), PipelineInput = Text(p, "PipelineInput"), Globbing = Text(p, "Globbing"), Aliases = Text(p, "Aliases"),
                });
            }
            foreach (PSObject e in Objects(o, "Examples"))
            {
                view.Examples.Add(new ExampleView { Title = Text(e, "Title"), Code = Text(e, "Code"), Remarks = Text(e, "Remarks") });
            }
            return view;
        }

        private static string Text(PSObject o, string name) => (o.Properties[name].Value ?? string.Empty).ToString();

        private static IEnumerable<PSObject> Objects(PSObject o, string name) =>
            o.Properties[name].Value is object[] items ? items.Select(PSObject.AsPSObject) : Enumerable.Empty<PSObject>();

        private static List<string> Strings(PSObject o, string name) =>
            Objects(o, name).Select(i => i.BaseObject.ToString()).ToList();
    }
}
