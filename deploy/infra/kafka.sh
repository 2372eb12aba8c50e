#!/usr/bin/env bash
# A real single-node Apache Kafka 4.x broker in KRaft mode (combined broker + controller),
# run from the official jars resolved from Maven Central by deploy/infra/pom.xml.
#   deploy/infra/kafka.sh start|stop|status|topics
source "$(dirname "$0")/../lib/common.sh"

KAFKA_LIBS=$DEPLOY_DIR/infra/target/kafka-libs
KAFKA_HOME=$MAILLAGE_RUN/kafka
KAFKA_LOG=$LOG_DIR/kafka.log
BOOTSTRAP=127.0.0.1:$KAFKA_PORT

kafka_java() { java -Xms128m -Xmx512m -cp "$KAFKA_LIBS/*" -Dlog4j2.configurationFile="$KAFKA_HOME/log4j2.properties" "$@"; }
# Command-line tools: small heap, quick start.
kafka_tool() { java -Xmx256m -XX:TieredStopAtLevel=1 -cp "$KAFKA_LIBS/*" -Dlog4j2.configurationFile="$KAFKA_HOME/log4j2-tools.properties" "$@"; }

resolve_jars() {
  if ! ls "$KAFKA_LIBS"/kafka_2.13-*.jar >/dev/null 2>&1; then
    log "resolving the Kafka broker jars from Maven Central (deploy/infra/pom.xml)"
    mvn_cmd -B -q -f "$DEPLOY_DIR/infra/pom.xml" package >"$LOG_DIR/infra-resolve.log" 2>&1 \
      || die "could not resolve the Kafka jars (log: $LOG_DIR/infra-resolve.log)"
  fi
}

write_config() {
  mkdir -p "$KAFKA_HOME/data"
  cat > "$KAFKA_HOME/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_HOME/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# Topics are created explicitly from deploy/topics.txt; a typo in a topic name must fail loudly.
auto.create.topics.enable=false
log.retention.hours=168
PROPS
  cat > "$KAFKA_HOME/log4j2.properties" <<PROPS
rootLogger.level=INFO
rootLogger.appenderRef.stdout.ref=STDOUT
appender.stdout.type=Console
appender.stdout.name=STDOUT
appender.stdout.layout.type=PatternLayout
appender.stdout.layout.pattern=[%d] %p %m (%c)%n
logger.kafka.name=kafka
logger.kafka.level=INFO
logger.state.name=state.change.logger
logger.state.level=WARN
PROPS
  sed 's/^rootLogger.level=INFO/rootLogger.level=WARN/; s/^logger.kafka.level=INFO/logger.kafka.level=WARN/' \
    "$KAFKA_HOME/log4j2.properties" > "$KAFKA_HOME/log4j2-tools.properties"
}

broker_ready() { kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --list; }

start() {
  if pid_alive kafka; then
    log "Kafka already running (pid $(cat "$PID_DIR/kafka.pid"))"
    return 0
  fi
  port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is taken by another process; stop it or free the port (Kafka log: $KAFKA_LOG)"
  port_open "$KAFKA_CONTROLLER_PORT" && die "port $KAFKA_CONTROLLER_PORT (Kafka controller) is taken by another process"
  resolve_jars
  write_config
  if [ ! -f "$KAFKA_HOME/data/meta.properties" ]; then
    local cluster_id; cluster_id=$(kafka_tool kafka.tools.StorageTool random-uuid)
    log "formatting Kafka storage (cluster id $cluster_id)"
    kafka_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_HOME/server.properties" >>"$KAFKA_LOG" 2>&1 \
      || die "kafka storage format failed (log: $KAFKA_LOG)"
  fi
  log "starting Kafka (KRaft, broker+controller) on $BOOTSTRAP"
  (exec java -Xms256m -Xmx512m -XX:+UseG1GC -cp "$KAFKA_LIBS/*" \
      -Dlog4j2.configurationFile="$KAFKA_HOME/log4j2.properties" \
      kafka.Kafka "$KAFKA_HOME/server.properties" >>"$KAFKA_LOG" 2>&1) &
  echo $! > "$PID_DIR/kafka.pid"
  local t0=$SECONDS
  # 120 s by default: a restart replays every log (92 partitions); on a loaded 2-core machine it took more than 60 s
  wait_for "Kafka" "${KAFKA_START_TIMEOUT:-120}" "$KAFKA_LOG" broker_ready
  pid_alive kafka || die "Kafka exited during start-up (log: $KAFKA_LOG)"
  ok "Kafka ready on $BOOTSTRAP in $((SECONDS - t0))s"
  create_topics
}

# Creates the topics of deploy/topics.txt that do not exist, with their configuration (third column), and applies that
# configuration to the topics that already exist (a broker made before a retention was set gets it too).
create_topics() {
  local args=() existing
  existing=$(broker_ready 2>>"$KAFKA_LOG") || die "cannot list Kafka topics (log: $KAFKA_LOG)"
  while read -r topic partitions configs; do
    case "$topic" in ''|\#*) continue ;; esac
    args+=("$topic")
    if grep -qx "$topic" <<<"$existing"; then
      [ -z "$configs" ] && continue
      kafka_tool kafka.admin.ConfigCommand --bootstrap-server "$BOOTSTRAP" --alter --entity-type topics --entity-name "$topic" \
        --add-config "$configs" >>"$KAFKA_LOG" 2>&1 || die "could not configure topic $topic (log: $KAFKA_LOG)"
      continue
    fi
    local config_args=() c
    if [ -n "$configs" ]; then
      IFS=, read -ra c <<<"$configs"
      for config in "${c[@]}"; do config_args+=(--config "$config"); done
    fi
    kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
      --topic "$topic" --partitions "$partitions" --replication-factor 1 "${config_args[@]}" >>"$KAFKA_LOG" 2>&1 \
      || die "could not create topic $topic (log: $KAFKA_LOG)"
  done < "$DEPLOY_DIR/topics.txt"
  ok "Kafka topics present: ${args[*]}"
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid kafka 30 ;;
  topics) create_topics ;;
  status) pid_alive kafka && echo "kafka: up (pid $(cat "$PID_DIR/kafka.pid"))" || echo "kafka: down" ;;
  *) echo "usage: $0 start|stop|status|topics" >&2; exit 2 ;;
esac
