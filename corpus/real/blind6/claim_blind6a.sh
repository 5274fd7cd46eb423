#!/bin/bash
# usage: claim_blind6a.sh URL... ; prints OK/USED/TAKEN per URL
M=/work/wt-blind6a/corpus/real/blind6/mine_blind6a.txt
for U in "$@"; do
  if grep -qxF "$U" /tmp/b6a_prev.txt; then echo "PREV $U"; continue; fi
  if grep -qxF "$U" /work/notes/used_sources.txt; then echo "USED $U"; continue; fi
  flock /work/notes/blind6_claims.txt -c "grep -qxF \"$U\" /work/notes/blind6_claims.txt || { echo \"$U\" >> /work/notes/blind6_claims.txt; echo \"$U\" >> $M; }"
  if grep -qxF "$U" $M; then echo "OK $U"; else echo "TAKEN $U"; fi
done
