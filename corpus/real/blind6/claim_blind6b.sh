#!/bin/bash
# claim pages for blind6b: refuse used, blind3/4/5 sources, and pages claimed by others
for U in "$@"; do
  if grep -qxF "$U" /work/notes/used_sources.txt || grep -rqF "$U" /work/main/corpus/real/blind3 /work/main/corpus/real/blind4 /work/main/corpus/real/blind5 2>/dev/null; then echo "USED $U"; continue; fi
  flock /work/notes/blind6_claims.txt -c "grep -qxF \"$U\" /work/notes/blind6_claims.txt || { echo \"$U\" >> /work/notes/blind6_claims.txt; echo \"$U\" >> /work/wt-blind6b/corpus/real/blind6/mine_blind6b.txt; }"
  if grep -qxF "$U" mine_blind6b.txt; then echo "OK $U"; else echo "TAKEN $U"; fi
done
