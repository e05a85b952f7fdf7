#!/usr/bin/env bash
# Creates (or brings up to date) the Roster Kafka topics listed in topics.yaml.
#
# Run with --help for usage. Idempotent: safe to run on every deploy.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() {
  cat <<'EOF'
Usage: create-topics.sh [options]

Creates every topic in topics.yaml with kafka-topics.sh --create --if-not-exists,
then brings existing topics up to date: applies the topic configs
(kafka-configs.sh --alter --add-config) and raises the partition count if it is
lower than the file says (Kafka cannot lower it; a higher count is left alone
with a warning).

Options:
  -f, --file FILE          topic definitions (default: topics.yaml next to this script)
  -b, --bootstrap-server   HOST:PORT (default: $BOOTSTRAP_SERVERS or localhost:9092)
  -c, --command-config F   client properties file (security settings) passed to the CLI tools
  -n, --dry-run            print the commands instead of running them
      --create-only        only create missing topics; do not alter existing ones
  -h, --help               this text

Environment:
  BOOTSTRAP_SERVERS        default bootstrap server (localhost:9092)
  REPLICATION_FACTOR       override every topic's replicationFactor (e.g. 1 for a single node)
  MIN_ISR                  override every topic's min.insync.replicas; when only
                           REPLICATION_FACTOR is set, min.insync.replicas is capped at it
  KAFKA_HOME               look for the tools in $KAFKA_HOME/bin first, then on PATH
  KAFKA_TOPICS_CMD         command to use instead of kafka-topics.sh (word-split), e.g.
                           "java -cp CP org.apache.kafka.tools.TopicCommand"
  KAFKA_CONFIGS_CMD        command to use instead of kafka-configs.sh (word-split)

Examples:
  # production cluster, definitions as written (RF 3, min ISR 2)
  BOOTSTRAP_SERVERS=kafka-1:9092,kafka-2:9092 infra/create-topics.sh
  # single local broker
  REPLICATION_FACTOR=1 MIN_ISR=1 infra/create-topics.sh -b 127.0.0.1:9092
EOF
}

die() { echo "create-topics: $*" >&2; exit 1; }

TOPICS_FILE="$SCRIPT_DIR/topics.yaml"
BOOTSTRAP="${BOOTSTRAP_SERVERS:-localhost:9092}"
COMMAND_CONFIG=""
DRY_RUN=false
CREATE_ONLY=false

while [[ $# -gt 0 ]]; do
  case "$1" in
    -f|--file) [[ $# -ge 2 ]] || die "$1 needs a value"; TOPICS_FILE="$2"; shift 2 ;;
    -b|--bootstrap-server) [[ $# -ge 2 ]] || die "$1 needs a value"; BOOTSTRAP="$2"; shift 2 ;;
    -c|--command-config) [[ $# -ge 2 ]] || die "$1 needs a value"; COMMAND_CONFIG="$2"; shift 2 ;;
    -n|--dry-run) DRY_RUN=true; shift ;;
    --create-only) CREATE_ONLY=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done

[[ -r "$TOPICS_FILE" ]] || die "cannot read $TOPICS_FILE"
if [[ -n "${REPLICATION_FACTOR:-}" && ! "$REPLICATION_FACTOR" =~ ^[1-9][0-9]*$ ]]; then
  die "REPLICATION_FACTOR must be a positive integer, got '$REPLICATION_FACTOR'"
fi
if [[ -n "${MIN_ISR:-}" && ! "$MIN_ISR" =~ ^[1-9][0-9]*$ ]]; then
  die "MIN_ISR must be a positive integer, got '$MIN_ISR'"
fi

# --- locate the CLI tools -----------------------------------------------------
find_tool() { # $1 = script name; prints the path or nothing
  if [[ -n "${KAFKA_HOME:-}" && -x "$KAFKA_HOME/bin/$1" ]]; then
    echo "$KAFKA_HOME/bin/$1"
  elif command -v "$1" >/dev/null 2>&1; then
    command -v "$1"
  fi
}

if [[ -n "${KAFKA_TOPICS_CMD:-}" ]]; then
  read -r -a TOPICS_CMD <<<"$KAFKA_TOPICS_CMD"
else
  t="$(find_tool kafka-topics.sh)"
  if [[ -z "$t" ]]; then
    $DRY_RUN || die "kafka-topics.sh not found (set KAFKA_HOME, put it on PATH, or set KAFKA_TOPICS_CMD)"
    t=kafka-topics.sh
  fi
  TOPICS_CMD=("$t")
fi
if [[ -n "${KAFKA_CONFIGS_CMD:-}" ]]; then
  read -r -a CONFIGS_CMD <<<"$KAFKA_CONFIGS_CMD"
else
  t="$(find_tool kafka-configs.sh)"
  CONFIGS_CMD=("${t:-kafka-configs.sh}")
fi

CONN=(--bootstrap-server "$BOOTSTRAP")
[[ -n "$COMMAND_CONFIG" ]] && CONN+=(--command-config "$COMMAND_CONFIG")

run() {
  if $DRY_RUN; then
    printf '%q ' "$@"; echo
  else
    "$@"
  fi
}

# --- parse topics.yaml ----------------------------------------------------------
# Emits one line per topic: name<TAB>partitions<TAB>replicationFactor<TAB>k=v k=v ...
# Matches exactly the layout of topics.yaml (see its header); anything else
# indented under a topic is rejected so a format change cannot be silently ignored.
parse_topics() {
  awk '
    function flush() {
      if (name != "") {
        if (parts == "" || rf == "") { printf "topic %s lacks partitions or replicationFactor\n", name > "/dev/stderr"; bad = 1 }
        printf "%s\t%s\t%s\t%s\n", name, parts, rf, cfg
      }
      name = ""; parts = ""; rf = ""; cfg = ""; incfg = 0
    }
    function val(s) { sub(/^[^:]*:[ \t]*/, "", s); sub(/[ \t]+$/, "", s); gsub(/^"|"$/, "", s); return s }
    /^[ \t]*(#|$)/          { next }
    /^topics:[ \t]*$/       { next }
    /^  - name:/            { flush(); name = val($0); next }
    /^    partitions:/      { parts = val($0); incfg = 0; next }
    /^    replicationFactor:/ { rf = val($0); incfg = 0; next }
    /^    config:[ \t]*$/   { incfg = 1; next }
    /^      [A-Za-z0-9._-]+:/ && incfg {
      line = $0; sub(/^[ \t]+/, "", line)
      key = line; sub(/:.*/, "", key)
      cfg = cfg (cfg == "" ? "" : " ") key "=" val(line)
      next
    }
    { printf "%s:%d: unexpected line: %s\n", FILENAME, NR, $0 > "/dev/stderr"; bad = 1 }
    END { flush(); if (bad) exit 1 }
  ' "$TOPICS_FILE"
}

TOPIC_LINES="$(parse_topics)" || die "could not parse $TOPICS_FILE"
[[ -n "$TOPIC_LINES" ]] || die "no topics found in $TOPICS_FILE"

# --- create / update -------------------------------------------------------------
echo "create-topics: $TOPICS_FILE -> $BOOTSTRAP${REPLICATION_FACTOR:+ (replication factor $REPLICATION_FACTOR)}${MIN_ISR:+ (min ISR $MIN_ISR)}"
count=0
while IFS=$'\t' read -r name partitions rf cfg; do
  [[ "$partitions" =~ ^[1-9][0-9]*$ ]] || die "$name: bad partitions '$partitions'"
  [[ "$rf" =~ ^[1-9][0-9]*$ ]] || die "$name: bad replicationFactor '$rf'"
  [[ -n "${REPLICATION_FACTOR:-}" ]] && rf="$REPLICATION_FACTOR"

  config_args=()
  alter_list=""
  for kv in $cfg; do
    key="${kv%%=*}"; value="${kv#*=}"
    if [[ "$key" == "min.insync.replicas" ]]; then
      if [[ -n "${MIN_ISR:-}" ]]; then
        value="$MIN_ISR"
      elif (( value > rf )); then
        value="$rf"
      fi
    fi
    config_args+=(--config "$key=$value")
    alter_list="${alter_list:+$alter_list,}$key=$value"
  done

  echo "--> $name (partitions=$partitions, replication-factor=$rf${alter_list:+, $alter_list})"
  run "${TOPICS_CMD[@]}" "${CONN[@]}" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor "$rf" "${config_args[@]}"

  if ! $CREATE_ONLY && ! $DRY_RUN; then
    # Existing topics: align configs and grow partitions when needed.
    if [[ -n "$alter_list" ]]; then
      "${CONFIGS_CMD[@]}" "${CONN[@]}" --alter --entity-type topics --entity-name "$name" \
        --add-config "$alter_list" >/dev/null \
        || echo "    warning: could not apply configs to $name" >&2
    fi
    current="$("${TOPICS_CMD[@]}" "${CONN[@]}" --describe --topic "$name" 2>/dev/null \
      | sed -n 's/.*PartitionCount:[[:space:]]*\([0-9][0-9]*\).*/\1/p' | head -n1 || true)"
    if [[ -z "$current" ]]; then
      echo "    warning: could not read the partition count of $name" >&2
    elif (( current < partitions )); then
      echo "    raising partitions $current -> $partitions"
      "${TOPICS_CMD[@]}" "${CONN[@]}" --alter --topic "$name" --partitions "$partitions"
    elif (( current > partitions )); then
      echo "    warning: $name has $current partitions, more than the $partitions in $TOPICS_FILE (left as is)" >&2
    fi
  fi
  count=$((count + 1))
done <<<"$TOPIC_LINES"

echo "create-topics: $count topics done"
