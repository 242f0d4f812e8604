using System;
using System.Linq;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Identity;
using HamletPS.Core.Security;

// usage: DeidentifyBench <input> <destination> [vault]   -- protects with the built-in hamlet-rt profile, prints counts.
if (args.Length < 2) { Console.Error.WriteLine("usage: DeidentifyBench <input> <destination> [vault]"); return 2; }
using var keys = SiteKeys.Derive(SiteSecret.FromKeyText("bench-site-secret-not-for-production"));
var options = ProtectorOptions.FromSiteKeys(keys, new IdentityResolver(StudyIdLookup.Empty(), MrnPseudonymizer.CreateFf1(keys.Ff1Key)));
options.Destination = args[1];
options.VaultPath = args.Length > 2 ? args[2] : null;
using var protector = new DicomProtector(options);
var results = protector.Protect(new[] { args[0] });
int ok = results.Count(r => r.Status == ProtectionStatus.Protected);
Console.WriteLine("protected " + ok + " of " + results.Count + " files; " + results.Sum(r => r.ActionCount) + " actions");
foreach (var f in results.Where(r => r.Status == ProtectionStatus.Failed).Take(5)) Console.WriteLine("failed: " + f.Message);
return ok == results.Count ? 0 : 1;
