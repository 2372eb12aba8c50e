#!/usr/bin/env bash
# Creates the topics of deploy/topics.txt on the compose broker, as deploy/infra/kafka.sh does locally.
set -euo pipefail
until /opt/kafka/bin/kafka-topics.sh --bootstrap-server kafka:9092 --list >/dev/null 2>&1; do sleep 1; done
while read -r topic partitions; do
  case "$topic" in ''|\#*) continue ;; esac
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor 1
done < /maillage/topics.txt
