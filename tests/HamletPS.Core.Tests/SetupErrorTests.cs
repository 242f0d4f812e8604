using System;
using System.IO;
using System.Security.Cryptography;
using HamletPS.Core;
using HamletPS.Core.Deidentification;
using Xunit;

namespace HamletPS.Core.Tests
{
    /// <summary>The one classification of set-up errors both faces use (SetupError.Classify).</summary>
    public class SetupErrorTests
    {
        [Fact]
        public void AnEngineSetUpError_KeepsItsOwnId()
        {
            var profile = new ProfileFormatException("bad.yaml", 3, "unknown option");
            HamletException setup = SetupError.Classify(profile, ErrorIds.InvalidProtectionSettings);
            Assert.Same(profile, setup);
            Assert.Equal(ErrorIds.InvalidProfile, setup.ErrorId);
        }

        [Fact]
        public void AFailedInput_IsNotASetUpError()
        {
            Assert.Null(SetupError.Classify(new HamletException(ErrorIds.InvalidDicomFile, "x"), ErrorIds.InvalidProtectionSettings));
        }

        [Fact]
        public void ABadValue_BecomesTheCommandsSettingsId_WithItsMessage()
        {
            HamletException setup = SetupError.Classify(new ArgumentException("port 70000 is out of range"), ErrorIds.InvalidDicomNetworkSetting, ErrorIds.TlsCertificateUnreadable);
            Assert.Equal(ErrorIds.InvalidDicomNetworkSetting, setup.ErrorId);
            Assert.Equal("port 70000 is out of range", setup.Message);
            Assert.True(setup.IsSetup);
        }

        [Fact]
        public void AnUnreadableFile_BecomesTheUnreadableFileId_WhenGiven()
        {
            Assert.Equal(ErrorIds.TlsCertificateUnreadable,
                SetupError.Classify(new CryptographicException("bad PEM"), ErrorIds.InvalidDicomNetworkSetting, ErrorIds.TlsCertificateUnreadable).ErrorId);
            Assert.Equal(ErrorIds.InvalidProtectionSettings, SetupError.Classify(new FileNotFoundException("no key file"), ErrorIds.InvalidProtectionSettings).ErrorId);
        }

        [Fact]
        public void ABug_IsNotClassified()
        {
            Assert.Null(SetupError.Classify(new NullReferenceException(), ErrorIds.InvalidProtectionSettings));
            Assert.Null(SetupError.Classify(new OperationCanceledException(), ErrorIds.InvalidProtectionSettings));
        }
    }
}
