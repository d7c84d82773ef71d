#!/bin/sh
# drover's stand-in for chart_view of Supvisors' scenario 3 (whose own script is not shipped):
# a service that says where it runs, then lives until it is stopped.
echo "$(date -u +%FT%TZ) chart_view started: ${SUPERVISOR_PROCESS_NAME:-?} of ${SUPERVISOR_GROUP_NAME:-?} on node ${DROVER_NODE_ID:-?} (pid $$)"
trap 'echo "$(date -u +%FT%TZ) chart_view stopping"; exit 0' TERM INT
while :; do
  sleep 3600 &
  wait $!
done
