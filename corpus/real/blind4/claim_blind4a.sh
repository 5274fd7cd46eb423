#!/bin/bash
# usage: claim_blind4a.sh URL... ; prints OK/USED/TAKEN per URL
M=/work/wt-blind4a/corpus/real/blind4/mine_blind4a.txt
for U in "$@"; do
  if grep -qxF "$U" /work/notes/used_sources.txt; then echo "USED $U"; continue; fi
  flock /work/notes/blind4_claims.txt -c "grep -qxF \"$U\" /work/notes/blind4_claims.txt || { echo \"$U\" >> /work/notes/blind4_claims.txt; echo \"$U\" >> $M; }"
  if grep -qxF "$U" $M; then echo "OK $U"; else echo "TAKEN $U"; fi
done
