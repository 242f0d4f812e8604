using System;
using System.IO;
using HamletPS.Cli.Verbs;
using HamletPS.Core.Configuration;
using Xunit;

namespace HamletPS.Cli.Tests
{
    public sealed class ConfigVerbTests : ScratchFolderTest
    {
        public ConfigVerbTests() : base("hamlet-cfgverb-") { }

        [Fact]
        public void ConfigNew_ThenTest_IsValid_AndShowPrintsTheSite()
        {
            string path = Path.Combine(Root, "config.yaml");
            var output = new StringWriter();

            Assert.Equal(0, ConfigVerbs.RunNew(new ConfigTemplateOptions { Site = "testsite", User = "ab" }, path, false, new CliOutput(output, new StringWriter())));
            Assert.Equal(0, ConfigVerbs.RunTest(path, true, false, new CliOutput(new StringWriter(), new StringWriter())));
            Assert.Equal(0, ConfigVerbs.RunShow(path, true, new CliOutput(output, new StringWriter())));
            Assert.Contains("\"Site\":\"testsite\"", output.ToString());
        }

        [Fact]
        public void ConfigNew_WhatIf_WritesNothing()
        {
            string path = Path.Combine(Root, "config.yaml");

            ConfigVerbs.RunNew(new ConfigTemplateOptions { Site = "testsite" }, path, true, new CliOutput(new StringWriter(), new StringWriter()));

            Assert.False(Directory.Exists(Root));
        }

        [Fact]
        public void ConfigTest_BadPort_ExitsOneWithTheLine()
        {
            Directory.CreateDirectory(Root);
            string path = Path.Combine(Root, "config.yaml");
            File.WriteAllText(path, "APP:\n  SITE: x\nDICOMNODE:\n  PORT: 0\n");
            var output = new StringWriter();

            Assert.Equal(1, ConfigVerbs.RunTest(path, false, false, new CliOutput(output, new StringWriter())));
            Assert.Contains("config.yaml:4", output.ToString());
        }

        [Fact]
        public void ConfigShow_MissingFile_ExitsTwo()
        {
            var error = new StringWriter();
            Assert.Equal(2, ConfigVerbs.RunShow(Path.Combine(Root, "nope.yaml"), false, new CliOutput(new StringWriter(), error)));
            Assert.Contains("ConfigNotFound", error.ToString());
        }
    }
}
