# SPDX-License-Identifier: MIT
# Enables ProjFS (the optional Windows feature Client-ProjFS) and loads its file system filter
# PrjFlt without a restart, as a CI job needs, and fails with a plain reason when it cannot.
# Run as administrator (GitHub's Windows runners are). Used by .github/workflows/windows.yml and
# by the provider template docs/ci/windows-projfs.yml (from prjsim's checkout).
#
# Microsoft documents the feature name and the cmdlet ("Enabling Windows Projected File
# System", learn.microsoft.com); fltmc is the filter manager's tool ("fltmc load" loads a
# minifilter by name). Whether PrjFlt starts without a restart on a given runner image is
# UNCONFIRMED: this script says which of the two it found.
$ErrorActionPreference = 'Stop'

function Test-PrjFlt { [bool](fltmc filters | Select-String -Quiet -Pattern '\bPrjFlt\b') }

$feature = Enable-WindowsOptionalFeature -Online -FeatureName Client-ProjFS -NoRestart
"Client-ProjFS enabled; RestartNeeded: $($feature.RestartNeeded)"
if (-not (Test-Path "$env:SystemRoot\System32\ProjectedFSLib.dll")) {
    throw "ProjectedFSLib.dll is missing after enabling Client-ProjFS"
}
if (-not (Test-PrjFlt)) {
    fltmc load PrjFlt
}
fltmc filters
if (-not (Test-PrjFlt)) {
    throw "the ProjFS filter PrjFlt is not loaded and 'fltmc load PrjFlt' did not load it: this machine needs a restart"
}
"ProjFS is ready: ProjectedFSLib.dll present, PrjFlt loaded"
exit 0
