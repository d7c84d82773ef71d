#!/bin/sh
# drover's stand-in for Supvisors' scenario 2 sensor_control: a long-running service without its GUI.
echo "$(date -u +%FT%TZ) sensor_control started as ${SUPERVISOR_PROCESS_NAME:-?} in ${SUPERVISOR_GROUP_NAME:-?} on ${DROVER_NODE_ID:-?}"
trap 'echo "sensor_control stopping"; exit 0' TERM INT
while :; do sleep 3600 & wait $!; done
