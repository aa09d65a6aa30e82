#!/usr/bin/env bash
# Cake bootstrapper: restores the pinned Cake.Tool from .config/dotnet-tools.json and runs build.cake.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
dotnet tool restore >/dev/null
exec dotnet cake build.cake "$@"
