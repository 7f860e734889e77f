#!/usr/bin/env bash
# Installs the Aspire CLI as a local dotnet tool (version pinned in .config/dotnet-tools.json), so
# `dotnet aspire publish -o <dir>` works from the repository root (aspire.config.json names the AppHost).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore
dotnet aspire --version
echo "Aspire CLI ready. Publish the Kubernetes tree with: dotnet aspire publish -o deploy/kubernetes"
