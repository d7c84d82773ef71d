#!/bin/sh
# drover's stand-in for Supvisors' scenario 2 common_bus_interface: a long-running service without its GUI.
echo "$(date -u +%FT%TZ) common_bus_interface started as ${SUPERVISOR_PROCESS_NAME:-?} in ${SUPERVISOR_GROUP_NAME:-?} on ${DROVER_NODE_ID:-?}"
trap 'echo "common_bus_interface stopping"; exit 0' TERM INT
while :; do sleep 3600 & wait $!; done
