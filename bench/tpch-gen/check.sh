#!/usr/bin/env bash
# Checks tpch-gen against the dbgen reference data (see /work/shared/tpch/README.md).
#
#   bench/tpch-gen/check.sh [path/to/tpch-gen]
#
# Without an argument the generator is built standalone in ${TMPDIR:-/tmp}/tpchgen-build.
# Environment: SF (0.1 or 0.01, default 0.1), SEED (default: the generator's default),
# TPCH_REFERENCE (default /work/shared/tpch/sf$SF).
#
# Generates the scale factor into a temporary directory and compares it with the reference:
# row counts, key ranges, value domains, date ranges, numeric ranges, text lengths, and the
# population rules of TPC-H clause 4.2.3 that can be checked row by row. Prints one line per
# check and exits non-zero when any check fails.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
sf=${SF:-0.1}
ref_dir=${TPCH_REFERENCE:-/work/shared/tpch/sf$sf}
tables=(region nation supplier customer part partsupp orders lineitem)
export LC_ALL=C

gen=${1:-}
if [[ -z $gen ]]; then
  build_dir=${TMPDIR:-/tmp}/tpchgen-build
  cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  ninja -C "$build_dir" -j2 >/dev/null
  gen=$build_dir/tpch-gen
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/tpch-gen-check.XXXXXX")
trap 'rm -rf "$work"' EXIT

seed_args=()
if [[ -n ${SEED:-} ]]; then
  seed_args=(--seed "$SEED")
fi
start=$(date +%s.%N)
"$gen" --sf "$sf" --out "$work/gen" --quiet "${seed_args[@]}"
end=$(date +%s.%N)
elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
printf 'generated SF %s in %.2f s into %s\n' "$sf" "$elapsed" "$work/gen"
mkdir "$work/ref"
for t in "${tables[@]}"; do
  zstdcat -q "$ref_dir/$t.tbl.zst" >"$work/ref/$t.tbl"
done

# --- Per-column profiles --------------------------------------------------------------------
# For every column: numeric min/max (nmin.N, nmax.N), string min/max (smin.N, smax.N), length
# min/max (lmin.N, lmax.N), and its distinct values (val.N) unless it has more than 200
# (then many.N).
profile() {
  awk -F'|' '
    {
      for (i = 1; i < NF; i++) {
        v = $i; n = v + 0; l = length(v)
        if (NR == 1) {
          nmin[i] = nmax[i] = n; smin[i] = smax[i] = v; lmin[i] = lmax[i] = l
        } else {
          if (n < nmin[i]) nmin[i] = n
          if (n > nmax[i]) nmax[i] = n
          if (v < smin[i]) smin[i] = v
          if (v > smax[i]) smax[i] = v
          if (l < lmin[i]) lmin[i] = l
          if (l > lmax[i]) lmax[i] = l
        }
        if (!(i in many) && !((i, v) in seen)) {
          seen[i, v] = 1
          if (++distinct[i] > 200) many[i] = 1
        }
      }
      if (NF - 1 > columns) columns = NF - 1
    }
    END {
      printf "rows\t%d\n", NR
      for (i = 1; i <= columns; i++) {
        printf "nmin.%d\t%.2f\nnmax.%d\t%.2f\n", i, nmin[i], i, nmax[i]
        printf "smin.%d\t%s\nsmax.%d\t%s\n", i, smin[i], i, smax[i]
        printf "lmin.%d\t%d\nlmax.%d\t%d\n", i, lmin[i], i, lmax[i]
        if (i in many) printf "many.%d\t1\n", i
      }
      for (key in seen) {
        split(key, parts, SUBSEP)
        if (!(parts[1] in many)) printf "val.%d\t%s\n", parts[1], parts[2]
      }
    }' "$1"
}

for side in gen ref; do
  for t in "${tables[@]}"; do
    profile "$work/$side/$t.tbl" >"$work/$side/$t.prof"
  done
done

# stat SIDE TABLE KEY
stat() {
  awk -F'\t' -v k="$3" '$1 == k { print $2; found = 1; exit } END { if (!found) print "?" }' \
    "$work/$1/$2.prof"
}
# values SIDE TABLE COLUMN: the sorted distinct values, comma-separated
values() {
  if [[ $(stat "$1" "$2" "many.$3") == 1 ]]; then
    echo "(more than 200 values)"
  else
    awk -F'\t' -v k="val.$3" '$1 == k { print $2 }' "$work/$1/$2.prof" | sort | paste -sd, -
  fi
}

checks=0
failures=0
# result PASS|FAIL TABLE CHECK DETAIL
result() {
  checks=$((checks + 1))
  if [[ $1 != PASS ]]; then
    failures=$((failures + 1))
  fi
  printf '%-4s  %-8s  %-36s  %s\n' "$1" "$2" "$3" "$4"
}
# verdict CONDITION: PASS when the awk condition (over variables given with -v) holds
verdict() {
  if awk "BEGIN { exit !($1) }" "${@:2}"; then echo PASS; else echo FAIL; fi
}
shorten() {
  if ((${#1} > 90)); then echo "${1:0:87}..."; else echo "$1"; fi
}

# check_rows TABLE
check_rows() {
  local g r
  g=$(stat gen "$1" rows)
  r=$(stat ref "$1" rows)
  result "$([[ $g == "$r" ]] && echo PASS || echo FAIL)" "$1" "row count" "gen=$g ref=$r"
}
# check_key TABLE COLUMN NAME: numeric min and max equal the reference's
check_key() {
  local g r
  g="$(stat gen "$1" "nmin.$2")..$(stat gen "$1" "nmax.$2")"
  r="$(stat ref "$1" "nmin.$2")..$(stat ref "$1" "nmax.$2")"
  result "$([[ $g == "$r" ]] && echo PASS || echo FAIL)" "$1" "$3 range" \
    "gen=${g//.00/} ref=${r//.00/}"
}
# check_set TABLE COLUMN NAME: the distinct values equal the reference's
check_set() {
  local g r
  g=$(values gen "$1" "$2")
  r=$(values ref "$1" "$2")
  result "$([[ $g == "$r" ]] && echo PASS || echo FAIL)" "$1" "$3 values" \
    "$(shorten "$(printf '%s' "$g" | awk -F, '{print NF}') values: $g")"
  if [[ $g != "$r" ]]; then
    echo "      gen: $g"
    echo "      ref: $r"
  fi
}
# check_num TABLE COLUMN NAME LO HI TOL: the generated min and max lie in the domain [LO, HI]
# and within TOL of the reference's min and max (extremes of random draws vary a little).
check_num() {
  local gmin gmax rmin rmax
  gmin=$(stat gen "$1" "nmin.$2")
  gmax=$(stat gen "$1" "nmax.$2")
  rmin=$(stat ref "$1" "nmin.$2")
  rmax=$(stat ref "$1" "nmax.$2")
  result "$(verdict 'gmin >= lo && gmax <= hi && gmin - rmin <= tol && rmin - gmin <= tol &&
                     gmax - rmax <= tol && rmax - gmax <= tol' \
    -v gmin="$gmin" -v gmax="$gmax" -v rmin="$rmin" -v rmax="$rmax" -v lo="$4" -v hi="$5" \
    -v tol="$6")" "$1" "$3 range" \
    "gen=$gmin..$gmax ref=$rmin..$rmax domain=$4..$5 tolerance=$6"
}
day_number() {
  echo $(($(date -u -d "$1" +%s) / 86400))
}
# check_date TABLE COLUMN NAME LO HI TOL_DAYS: like check_num, for dates
check_date() {
  local gmin gmax rmin rmax
  gmin=$(stat gen "$1" "smin.$2")
  gmax=$(stat gen "$1" "smax.$2")
  rmin=$(stat ref "$1" "smin.$2")
  rmax=$(stat ref "$1" "smax.$2")
  result "$(verdict 'gmin >= lo && gmax <= hi && gmin - rmin <= tol && rmin - gmin <= tol &&
                     gmax - rmax <= tol && rmax - gmax <= tol' \
    -v gmin="$(day_number "$gmin")" -v gmax="$(day_number "$gmax")" \
    -v rmin="$(day_number "$rmin")" -v rmax="$(day_number "$rmax")" \
    -v lo="$(day_number "$4")" -v hi="$(day_number "$5")" -v tol="$6")" "$1" "$3 range" \
    "gen=$gmin..$gmax ref=$rmin..$rmax domain=$4..$5 tolerance=${6}d"
}
# check_len TABLE COLUMN NAME LO HI: text lengths lie in [LO, HI] (the reference's shown too)
check_len() {
  local g r
  g="$(stat gen "$1" "lmin.$2")..$(stat gen "$1" "lmax.$2")"
  r="$(stat ref "$1" "lmin.$2")..$(stat ref "$1" "lmax.$2")"
  result "$(verdict 'gmin >= lo && gmax <= hi' -v gmin="$(stat gen "$1" "lmin.$2")" \
    -v gmax="$(stat gen "$1" "lmax.$2")" -v lo="$4" -v hi="$5")" "$1" "$3 length" \
    "gen=$g ref=$r spec=$4..$5"
}

suppliers=$(stat ref supplier rows)

# --- Row-by-row population rules --------------------------------------------------------------
# rules SIDE: prints "table<TAB>rule<TAB>violations" lines.
rules() {
  local dir=$work/$1
  # REGION and NATION: the specification's fixed rows.
  awk -F'|' '
    BEGIN {
      split("AFRICA AMERICA ASIA EUROPE MIDDLE_EAST", regions, " ")
      split("ALGERIA:0 ARGENTINA:1 BRAZIL:1 CANADA:1 EGYPT:4 ETHIOPIA:0 FRANCE:3 GERMANY:3 " \
            "INDIA:2 INDONESIA:2 IRAN:4 IRAQ:4 JAPAN:2 JORDAN:4 KENYA:0 MOROCCO:0 " \
            "MOZAMBIQUE:0 PERU:1 CHINA:2 ROMANIA:3 SAUDI_ARABIA:4 VIETNAM:2 RUSSIA:3 " \
            "UNITED_KINGDOM:3 UNITED_STATES:1", nations, " ")
      bad_r = bad_n = 0
    }
    FNR == 1 { file++ }
    file == 1 { name = $2; gsub(/ /, "_", name); if (regions[$1 + 1] != name) bad_r++ }
    file == 2 { name = $2; gsub(/ /, "_", name); if (nations[$1 + 1] != name ":" $3) bad_n++ }
    END {
      printf "region\tregion key/name as spec\t%d\n", bad_r
      printf "nation\tnation key/name/region as spec\t%d\n", bad_n
    }' "$dir/region.tbl" "$dir/nation.tbl"

  # SUPPLIER and CUSTOMER: names, phones by nation, address characters.
  for t in supplier customer; do
    awk -F'|' -v t="$t" '
      BEGIN { prefix = t == "supplier" ? "Supplier#" : "Customer#" }
      {
        if ($2 != prefix sprintf("%09d", $1)) name++
        if ($5 !~ /^[0-9][0-9]-[1-9][0-9][0-9]-[1-9][0-9][0-9]-[1-9][0-9][0-9][0-9]$/ ||
            substr($5, 1, 2) + 0 != $4 + 10) phone++
        if ($3 ~ /[^0-9a-zA-Z, ]/) address++
        if ($1 != NR) key++
      }
      END {
        printf "%s\tkeys dense 1..n\t%d\n", t, key
        printf "%s\tname = %s<key:09d>\t%d\n", t, prefix, name
        printf "%s\tphone = <nation+10>-ddd-ddd-dddd\t%d\n", t, phone
        printf "%s\taddress chars in [0-9a-zA-Z, ]\t%d\n", t, address
      }' "$dir/$t.tbl"
  done

  # PART: P_NAME, P_BRAND vs P_MFGR, P_RETAILPRICE formula.
  awk -F'|' '
    {
      n = split($2, w, " ")
      delete seen
      dup = 0
      for (i = 1; i <= n; i++) { if (w[i] in seen) dup = 1; seen[w[i]] = 1 }
      if (n != 5 || dup) name++
      if (substr($3, 14) != substr($4, 7, 1)) brand++
      cents = 90000 + int($1 / 10) % 20001 + 100 * ($1 % 1000)
      if (int($8 * 100 + 0.5) != cents) price++
      if ($1 != NR) key++
    }
    END {
      printf "part\tkeys dense 1..n\t%d\n", key
      printf "part\tp_name = 5 distinct words\t%d\n", name
      printf "part\tp_brand Brand#MN matches p_mfgr M\t%d\n", brand
      printf "part\tp_retailprice formula\t%d\n", price
    }' "$dir/part.tbl"

  # PARTSUPP: 4 rows per part with the spec'\''s supplier formula.
  awk -F'|' -v S="$suppliers" '
    {
      if ($1 != prev) { i = 0; prev = $1; parts++ } else i++
      if ($2 != ($1 + i * (int(S / 4) + int(($1 - 1) / S))) % S + 1) supp++
      if (i > 3) extra++
    }
    END {
      printf "partsupp\tps_suppkey formula\t%d\n", supp
      printf "partsupp\t4 rows per part\t%d\n", extra + (NR != 4 * parts)
    }' "$dir/partsupp.tbl"

  # ORDERS and LINEITEM together.
  awk -F'|' -v S="$suppliers" '
    function day(s,   y, m, d) {
      y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
      if (m < 3) { y--; m += 12 }
      return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) + int((153 * (m - 3) + 2) / 5) + d
    }
    function finish(k,   status, diff) {
      status = open == lines ? "O" : (open == 0 ? "F" : "P")
      if (status != order_status[k]) bad["orders", "o_orderstatus from line statuses"]++
      diff = total - order_total[k]
      if (diff < 0) diff = -diff
      if (diff > max_diff) max_diff = diff
      if (diff > 0.005 + 1e-6) bad["orders", "o_totalprice = rounded sum of lines"]++
    }
    BEGIN {
      current = day("1995-06-17")
      split("orders:o_orderkey sparse (8 of every 32)|orders:o_custkey % 3 != 0|" \
            "orders:o_clerk = Clerk#<9 digits>|orders:o_orderstatus from line statuses|" \
            "orders:o_totalprice = rounded sum of lines|orders:every order has lines|" \
            "lineitem:l_orderkey is an order|lineitem:l_linenumber = 1..n|" \
            "lineitem:l_shipdate = orderdate + 1..121|" \
            "lineitem:l_commitdate = orderdate + 30..90|" \
            "lineitem:l_receiptdate = shipdate + 1..30|" \
            "lineitem:l_returnflag R/A iff received <= CURRENTDATE|" \
            "lineitem:l_linestatus O iff shipped > CURRENTDATE|" \
            "lineitem:l_extendedprice = qty * retailprice|" \
            "lineitem:l_suppkey is a supplier of the part", names, "|")
      for (i in names) { split(names[i], nt, ":"); bad[nt[1], nt[2]] = 0 }
    }
    FNR == 1 { file++ }
    file == 1 {
      order_day[$1] = day($5); order_status[$1] = $3; order_total[$1] = $4
      if ($1 % 32 >= 8 || $1 <= 0) bad["orders", "o_orderkey sparse (8 of every 32)"]++
      if ($2 % 3 == 0) bad["orders", "o_custkey % 3 != 0"]++
      if ($7 !~ /^Clerk#[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]$/)
        bad["orders", "o_clerk = Clerk#<9 digits>"]++
      next
    }
    {
      k = $1
      if (!(k in order_day)) { bad["lineitem", "l_orderkey is an order"]++; next }
      if (k != prev) {
        if (prev != "") finish(prev)
        prev = k; lines = 0; open = 0; total = 0; has_lines[k] = 1
      }
      lines++
      if ($4 != lines) bad["lineitem", "l_linenumber = 1..n"]++
      o = order_day[k]; ship = day($11); commit = day($12); receipt = day($13)
      if (ship - o < 1 || ship - o > 121) bad["lineitem", "l_shipdate = orderdate + 1..121"]++
      if (commit - o < 30 || commit - o > 90)
        bad["lineitem", "l_commitdate = orderdate + 30..90"]++
      if (receipt - ship < 1 || receipt - ship > 30)
        bad["lineitem", "l_receiptdate = shipdate + 1..30"]++
      if (receipt <= current ? ($9 != "R" && $9 != "A") : $9 != "N")
        bad["lineitem", "l_returnflag R/A iff received <= CURRENTDATE"]++
      if ($10 != (ship > current ? "O" : "F"))
        bad["lineitem", "l_linestatus O iff shipped > CURRENTDATE"]++
      pk = $2
      cents = 90000 + int(pk / 10) % 20001 + 100 * (pk % 1000)
      if (int($6 * 100 + 0.5) != $5 * cents)
        bad["lineitem", "l_extendedprice = qty * retailprice"]++
      ok = 0
      for (i = 0; i < 4; i++) if ((pk + i * (int(S / 4) + int((pk - 1) / S))) % S + 1 == $3) ok = 1
      if (!ok) bad["lineitem", "l_suppkey is a supplier of the part"]++
      total += $6 * (1 + $8) * (1 - $7)
      if ($10 == "O") open++
    }
    END {
      if (prev != "") finish(prev)
      for (k in order_day) if (!(k in has_lines)) bad["orders", "every order has lines"]++
      for (key in bad) {
        split(key, nt, SUBSEP)
        printf "%s\t%s\t%d\n", nt[1], nt[2], bad[key]
      }
      printf "info\tmax |o_totalprice - sum of lines|\t%.4f\n", max_diff
    }' "$dir/orders.tbl" "$dir/lineitem.tbl" | sort
}

rules gen >"$work/gen.rules"
rules ref >"$work/ref.rules"

# --- Checks ------------------------------------------------------------------------------------
echo
echo "== row counts"
for t in region nation supplier customer part partsupp orders; do
  check_rows "$t"
done
# LINEITEM has a uniform random 1..7 lines per order (clause 4.2.3), so its cardinality is a
# random variable: with n orders the count has mean 4n and standard deviation sqrt(4n). The
# reference's exact count comes from dbgen's own random number streams and cannot be matched
# without copying them; accept the count when within 4 standard deviations.
g=$(stat gen lineitem rows)
r=$(stat ref lineitem rows)
n=$(stat ref orders rows)
margin=$(awk -v n="$n" 'BEGIN { printf "%d", 4 * sqrt(4 * n) }')
result "$(verdict 'g - 4 * n <= m && 4 * n - g <= m' -v g="$g" -v n="$n" -v m="$margin")" \
  lineitem "row count (random, 1..7 per order)" \
  "gen=$g ref=$r expected=$((4 * n))±$margin (4 sigma)"

echo
echo "== key ranges"
check_key region 1 r_regionkey
check_key nation 1 n_nationkey
check_key nation 3 n_regionkey
check_key supplier 1 s_suppkey
check_key supplier 4 s_nationkey
check_key customer 1 c_custkey
check_key customer 4 c_nationkey
check_key part 1 p_partkey
check_key partsupp 1 ps_partkey
check_key partsupp 2 ps_suppkey
check_key orders 1 o_orderkey
check_key orders 2 o_custkey
check_key lineitem 1 l_orderkey
check_key lineitem 2 l_partkey
check_key lineitem 3 l_suppkey
check_key lineitem 4 l_linenumber
g="$(stat gen orders smin.7)..$(stat gen orders smax.7)"
r="$(stat ref orders smin.7)..$(stat ref orders smax.7)"
result "$([[ $g == "$r" ]] && echo PASS || echo FAIL)" orders "o_clerk range" "gen=$g ref=$r"

echo
echo "== value domains"
check_set region 2 r_name
check_set nation 2 n_name
check_set supplier 4 s_nationkey
check_set customer 4 c_nationkey
check_set customer 7 c_mktsegment
check_set part 3 p_mfgr
check_set part 4 p_brand
check_set part 5 p_type
check_set part 6 p_size
check_set part 7 p_container
check_set orders 3 o_orderstatus
check_set orders 6 o_orderpriority
check_set orders 8 o_shippriority
check_set lineitem 4 l_linenumber
check_set lineitem 5 l_quantity
check_set lineitem 7 l_discount
check_set lineitem 8 l_tax
check_set lineitem 9 l_returnflag
check_set lineitem 10 l_linestatus
check_set lineitem 14 l_shipinstruct
check_set lineitem 15 l_shipmode
name_words() {
  cut -d'|' -f2 "$work/$1/part.tbl" | tr ' ' '\n' | sort -u | paste -sd, -
}
g=$(name_words gen)
r=$(name_words ref)
result "$([[ $g == "$r" ]] && echo PASS || echo FAIL)" part "p_name words" \
  "$(shorten "$(printf '%s' "$g" | awk -F, '{print NF}') words: $g")"
flag_status() {
  cut -d'|' -f9,10 "$work/$1/lineitem.tbl" | sort -u | paste -sd, -
}
g=$(flag_status gen)
r=$(flag_status ref)
result "$([[ $g == "$r" ]] && echo PASS || echo FAIL)" lineitem \
  "(l_returnflag, l_linestatus) pairs" "gen=$g ref=$r"

echo
echo "== date ranges"
check_date orders 5 o_orderdate 1992-01-01 1998-08-02 0
check_date lineitem 11 l_shipdate 1992-01-02 1998-12-01 7
check_date lineitem 12 l_commitdate 1992-01-31 1998-10-31 7
check_date lineitem 13 l_receiptdate 1992-01-03 1998-12-31 7

echo
echo "== numeric ranges"
max_retail=$(stat ref part nmax.8)
check_num part 8 p_retailprice 900 2100 0
check_num part 6 p_size 1 50 0
check_num partsupp 3 ps_availqty 1 9999 100
check_num partsupp 4 ps_supplycost 1 1000 10
check_num supplier 6 s_acctbal -999.99 9999.99 110
check_num customer 6 c_acctbal -999.99 9999.99 110
check_num orders 4 o_totalprice 0 "$(awk -v m="$max_retail" 'BEGIN { print 7 * 50 * m * 1.08 }')" \
  "$(awk -v m="$(stat ref orders nmax.4)" 'BEGIN { print m * 0.1 }')"
check_num lineitem 5 l_quantity 1 50 0
check_num lineitem 6 l_extendedprice 900 "$(awk -v m="$max_retail" 'BEGIN { print 50 * m }')" \
  "$(awk -v m="$max_retail" 'BEGIN { print 0.01 * 50 * m }')"
check_num lineitem 7 l_discount 0 0.10 0
check_num lineitem 8 l_tax 0 0.08 0

echo
echo "== text lengths"
check_len region 3 r_comment 31 115
check_len nation 4 n_comment 31 114
check_len supplier 3 s_address 10 40
check_len supplier 7 s_comment 25 100
check_len customer 3 c_address 10 40
check_len customer 8 c_comment 29 116
check_len part 9 p_comment 5 22
check_len partsupp 5 ps_comment 49 198
check_len orders 9 o_comment 19 78
check_len lineitem 16 l_comment 10 43

echo
echo "== population rules (violations; the reference's shown for comparison)"
# The reference's totals deviate from the exact sum of its lines by up to about 0.02 per line.
total_note=" (max deviation gen=$(awk -F'\t' '$1 == "info" { print $3 }' "$work/gen.rules")"
total_note+=" ref=$(awk -F'\t' '$1 == "info" { print $3 }' "$work/ref.rules"))"
while IFS=$'\t' read -r table rule count; do
  [[ $table == info ]] && continue
  r=$(awk -F'\t' -v t="$table" -v n="$rule" '$1 == t && $2 == n { print $3 }' "$work/ref.rules")
  note=""
  if [[ $rule == "o_totalprice = rounded sum of lines" ]]; then
    note=$total_note
  fi
  result "$([[ $count == 0 ]] && echo PASS || echo FAIL)" "$table" "$(shorten "$rule")" \
    "gen=$count ref=${r:-?}$note"
done <"$work/gen.rules"

echo
echo "== query-relevant text"
# Q16 excludes suppliers whose comment matches '%Customer%Complaints%'; clause 4.2.3 plants
# SF * 5 of those and SF * 5 '%Customer%Recommends%' (at least one of each here).
for word in Complaints Recommends; do
  g=$(grep -c "^\([^|]*|\)\{6\}[^|]*Customer.*$word" "$work/gen/supplier.tbl" || true)
  r=$(grep -c "^\([^|]*|\)\{6\}[^|]*Customer.*$word" "$work/ref/supplier.tbl" || true)
  result "$([[ $g -ge 1 ]] && echo PASS || echo FAIL)" supplier "s_comment like Customer%$word" \
    "gen=$g ref=$r"
done
# Q13 excludes orders whose comment matches '%special%requests%': the share should be close to
# the reference's (both come from the same grammar and word weights).
special() {
  cut -d'|' -f9 "$work/$1/orders.tbl" |
    awk '/special.*requests/ { n++ } END { printf "%.4f", n / NR }'
}
g=$(special gen)
r=$(special ref)
result "$(verdict 'g >= 0.8 * r && g <= 1.25 * r' -v g="$g" -v r="$r")" orders \
  "o_comment like %special%requests%" "gen=$g ref=$r (share of orders; within -20%/+25%)"

echo
echo "== direct loading (--out -)"
for t in nation orders lineitem; do
  if "$gen" --sf "$sf" --out - --tables "$t" --quiet "${seed_args[@]}" | cmp -s - "$work/gen/$t.tbl"; then
    same=PASS
  else
    same=FAIL
  fi
  result "$same" "$t" "--out - writes the same bytes as DIR/$t.tbl" ""
done

echo
if ((failures > 0)); then
  echo "FAILED: $failures of $checks checks"
  exit 1
fi
echo "OK: all $checks checks passed"
