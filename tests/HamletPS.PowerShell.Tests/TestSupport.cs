// The shared test helpers (tests/HamletPS.TestSupport) under the names the tests use: one TempFolder for every project.
global using TempFolder = HamletPS.TestSupport.TempFolder;
