#!/usr/bin/env bash
# Fails when a tracked source or doc line is longer than .editorconfig's max_line_length, naming each line.
# Not checked: vendored libraries, EF Core migrations (generated, and history), translations (resx values are
# sentences), the solution file (written by dotnet sln) and binary files.
set -euo pipefail
cd "$(dirname "$0")/.."
limit=$(sed -n 's/^max_line_length *= *//p' .editorconfig | head -1)
over=$(git ls-files -z -- '*.cs' '*.cshtml' '*.js' '*.css' '*.sh' '*.sql' '*.md' '*.props' '*.csproj' '*.json' \
    '*.yml' '.editorconfig' 'Dockerfile' '.ci/*' \
    ':!:src/CsKpi.Web/wwwroot/lib/**' ':!:tests/CsKpi.Web.Tests/Browser/Axe/**' ':!:src/CsKpi.Core/Data/Migrations/**' \
  | LC_ALL=C.UTF-8 xargs -0 grep -nE "^.{$((limit + 1)),}" | cut -d: -f1,2 || true)
if [[ -n "$over" ]]; then
  echo "$over"
  echo "$(wc -l <<<"$over") lines over $limit characters (.editorconfig max_line_length)"
  exit 1
fi
