#!/usr/bin/env bash
# Generates TypeScript types from schema.graphql with graphql-codegen (codegen.yml) and fails
# if any generated type is `unknown` or `any`: what a frontend gets from the contract alone.
# The npm packages go to .codegen/ (ignored by git); only the npm registry is needed.
set -euo pipefail
cd "$(dirname "$0")/.."

work=.codegen
mkdir -p "$work"
if [ ! -x "$work/node_modules/.bin/graphql-codegen" ]; then
  [ -f "$work/package.json" ] || echo '{"name": "riwayat-codegen", "private": true}' > "$work/package.json"
  (cd "$work" &&
    npm install --silent --no-audit --no-fund \
      @graphql-codegen/cli@5 @graphql-codegen/typescript@4 @graphql-codegen/add@5 graphql@16)
fi
(cd "$work" && ./node_modules/.bin/graphql-codegen --config ../codegen.yml --silent)

out="$work/schema-types.ts"
# The plugin's own helper types (Exact, MakeOptional, Incremental...) constrain generics with
# `unknown`; they are not types of the schema, so they are left out of the check.
helpers='^export type (Exact|MakeOptional|MakeMaybe|MakeEmpty|Incremental)<'
# Descriptions become comments, whose words ("if any") are not types.
comments='[[:space:]]*(/\*|\*)'
found=$(grep -nvE "$helpers" "$out" | grep -vE "^[0-9]+:$comments" | grep -wE 'unknown|any' || true)
lines=$(wc -l < "$out")
if [ -n "$found" ]; then
  echo "codegen: $out has untyped parts:" >&2
  echo "$found" >&2
  exit 1
fi
echo "codegen: $out, $lines lines, no unknown or any"
