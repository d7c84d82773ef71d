#!/bin/sh
# drover's stand-in for external_interface of Supvisors' scenario 1 (whose own script is not shipped):
# a service that says where it runs, then lives until it is stopped.
echo "$(date -u +%FT%TZ) external_interface started: ${SUPERVISOR_PROCESS_NAME:-?} of ${SUPERVISOR_GROUP_NAME:-?} on node ${DROVER_NODE_ID:-?} (pid $$)"
trap 'echo "$(date -u +%FT%TZ) external_interface stopping"; exit 0' TERM INT
while :; do
  sleep 3600 &
  wait $!
done
