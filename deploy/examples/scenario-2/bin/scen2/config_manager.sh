#!/bin/sh
# drover's stand-in for Supvisors' scenario 2 config_manager: a long-running service without its GUI.
echo "$(date -u +%FT%TZ) config_manager started as ${SUPERVISOR_PROCESS_NAME:-?} in ${SUPERVISOR_GROUP_NAME:-?} on ${DROVER_NODE_ID:-?}"
trap 'echo "config_manager stopping"; exit 0' TERM INT
while :; do sleep 3600 & wait $!; done
