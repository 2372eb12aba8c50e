#!/usr/bin/env bash
# Creates the topics of deploy/topics.txt on the compose broker, as deploy/infra/kafka.sh does locally.
set -euo pipefail
until /opt/kafka/bin/kafka-topics.sh --bootstrap-server kafka:9092 --list >/dev/null 2>&1; do sleep 1; done
# Third column of topics.txt: the topic's configuration (retention of personal data), applied to existing topics too.
while read -r topic partitions configs; do
  case "$topic" in ''|\#*) continue ;; esac
  config_args=()
  if [ -n "${configs:-}" ]; then
    IFS=, read -ra pairs <<<"$configs"
    for pair in "${pairs[@]}"; do config_args+=(--config "$pair"); done
  fi
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor 1 "${config_args[@]}"
  if [ -n "${configs:-}" ]; then
    /opt/kafka/bin/kafka-configs.sh --bootstrap-server kafka:9092 --alter --entity-type topics --entity-name "$topic" \
      --add-config "$configs"
  fi
done < /maillage/topics.txt
