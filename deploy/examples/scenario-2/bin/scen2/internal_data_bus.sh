#!/bin/sh
# drover's stand-in for Supvisors' scenario 2 internal_data_bus: a long-running service without its GUI.
echo "$(date -u +%FT%TZ) internal_data_bus started as ${SUPERVISOR_PROCESS_NAME:-?} in ${SUPERVISOR_GROUP_NAME:-?} on ${DROVER_NODE_ID:-?}"
trap 'echo "internal_data_bus stopping"; exit 0' TERM INT
while :; do sleep 3600 & wait $!; done
