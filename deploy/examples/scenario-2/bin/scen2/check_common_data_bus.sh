#!/bin/sh
# drover's stand-in for Supvisors' scenario 2 check_common_data_bus: checks its bus, then exits 0 (a wait_exit program).
echo "$(date -u +%FT%TZ) check_common_data_bus checking from ${DROVER_NODE_ID:-?}"
sleep 1
echo "check_common_data_bus: bus OK"
exit 0
