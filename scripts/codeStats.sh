#!/usr/bin/env bash
# Code-shape figures for a commit (default HEAD), as #16's before/after table reports them:
# lines over 120 and 200 characters in the code folders, and the largest non-test files of src/ and app/.
# usage: bash scripts/codeStats.sh [REV]
set -euo pipefail
rev="${1:-HEAD}"
files=$(git ls-tree -r --name-only "$rev" -- src app harness scripts e2e | grep -E '\.(ts|tsx|mjs)$' || true)
over120=0; over200=0
for f in $files; do
  a=$(git show "$rev:$f" | awk 'length>120' | wc -l); b=$(git show "$rev:$f" | awk 'length>200' | wc -l)
  over120=$((over120 + a)); over200=$((over200 + b))
done
echo "commit $(git rev-parse --short "$rev")"
echo "lines over 120 characters: $over120"
echo "lines over 200 characters: $over200"
echo "app/ files at the top level: $(git ls-tree --name-only "$rev" app/ | grep -c '\.' || true)"
echo "largest non-test files in src/ and app/ (lines):"
for f in $(echo "$files" | grep -E '^(src|app)/' | grep -v '\.test\.'); do
  echo "$(git show "$rev:$f" | wc -l) $f"
done | sort -rn | head -8
echo "a page setting's mentions outside the engine (trunkDropout, added in session 7; non-test files in src/config and app):"
git grep -c '\btrunkDropout\b' "$rev" -- 'src/config/*.ts' 'app/*.ts' 'app/*.tsx' ':!*.test.ts' | sed "s/^$rev://" | sed 's/^/  /'
echo "non-test files in src/ and app/ that name learningRate:"
git grep -l '\blearningRate\b' "$rev" -- 'src/*.ts' 'app/*.ts' 'app/*.tsx' ':!*.test.ts' | sed "s/^$rev://" | sed 's/^/  /'
