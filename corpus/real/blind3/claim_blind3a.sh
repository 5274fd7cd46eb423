#!/bin/bash
# usage: claim.sh URL... ; prints OK/USED/TAKEN per URL
for U in "$@"; do
  if grep -qxF "$U" /work/notes/used_sources.txt; then echo "USED $U"; continue; fi
  flock /work/notes/blind3_claims.txt -c "grep -qxF \"$U\" /work/notes/blind3_claims.txt || { echo \"$U\" >> /work/notes/blind3_claims.txt; echo \"$U\" >> /work/wt-blind3a/corpus/real/blind3/mine_blind3a.txt; }"
  if grep -qxF "$U" /work/wt-blind3a/corpus/real/blind3/mine_blind3a.txt; then echo "OK $U"; else echo "TAKEN $U"; fi
done
