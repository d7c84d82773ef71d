#!/bin/sh
# drover's stand-in for data_processing of Supvisors' scenario 2 (whose own script is not shipped):
# a service that says where it runs, then lives until it is stopped.
echo "$(date -u +%FT%TZ) data_processing started: ${SUPERVISOR_PROCESS_NAME:-?} of ${SUPERVISOR_GROUP_NAME:-?} on node ${DROVER_NODE_ID:-?} (pid $$)"
trap 'echo "$(date -u +%FT%TZ) data_processing stopping"; exit 0' TERM INT
while :; do
  sleep 3600 &
  wait $!
done
