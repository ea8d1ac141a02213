# Disk checks for scripts/stack.sh (sourced): SeaweedFS's free-space floor, $SEAWEED_MIN_FREE, as
# `-volume.minFreeSpace` reads it. Needs `die MESSAGE`.

# disk_report DIR: free and total space of the file system holding DIR, for messages.
disk_report() {
  df -Pk "$1" | awk 'NR == 2 && $2 > 0 { printf "%.1f GiB free of %.1f GiB (%.2f%%) on %s", $4 / 1048576, $2 / 1048576, 100 * $4 / $2, $6 }'
}

# min_free_bytes DIR: $SEAWEED_MIN_FREE in bytes on the file system of DIR, as SeaweedFS reads it
# (a number up to 100 is a percentage, a larger one bytes, or an IEC size such as 2GiB); empty
# for a form this script does not parse (SeaweedFS still applies it; the write probe catches it).
min_free_bytes() {
  local total_kb
  if [[ $SEAWEED_MIN_FREE =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
    total_kb=$(df -Pk "$1" | awk 'NR == 2 { print $2 }')
    awk -v t="$total_kb" -v m="$SEAWEED_MIN_FREE" 'BEGIN { printf "%.0f\n", m <= 100 ? t * 1024 * m / 100 : m }'
  elif [[ $SEAWEED_MIN_FREE =~ ^[0-9]+(\.[0-9]+)?[KMGT]iB$ ]]; then
    numfmt --from=iec-i "${SEAWEED_MIN_FREE%B}"
  fi
}

# check_disk_for_seaweed DIR: refuse to start when the disk is already below SeaweedFS's floor:
# it would start, answer HeadBucket and then refuse every write.
check_disk_for_seaweed() {
  local floor free
  floor=$(min_free_bytes "$1")
  free=$(df -Pk "$1" | awk 'NR == 2 { printf "%.0f\n", $4 * 1024 }')
  [[ -n $floor && -n $free ]] || return 0
  if ((free < floor)); then
    local shown=$SEAWEED_MIN_FREE
    [[ $shown =~ ^[0-9]+(\.[0-9]+)?$ ]] && awk -v m="$shown" 'BEGIN { exit !(m <= 100) }' && shown="$shown%"
    die "seaweed: $(disk_report "$1"); SeaweedFS refuses writes with less than $shown free. Free disk space, put the stack elsewhere (KS_STACK_DIR) or lower the floor (KS_SEAWEED_MIN_FREE)"
  fi
}
