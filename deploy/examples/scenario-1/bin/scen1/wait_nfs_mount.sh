#!/bin/sh
# drover's stand-in for wait_nfs_mount of Supvisors' scenario 1 (whose own script is not shipped): a check the start
# sequence waits for (wait_exit). The original waits for the NFS mount the application's data lives on; this one
# waits for the example's folder, which these programs run from, to be readable, then exits 0.
here=$(cd "$(dirname "$0")/../.." && pwd)
echo "$(date -u +%FT%TZ) wait_nfs_mount: waiting for $here on node ${DROVER_NODE_ID:-?}"
until [ -r "$here/etc/supvisors_rules.xml" ]; do
  sleep 0.5
done
# a check of a mount takes a moment, and Supervisor counts an exit before the program's startsecs (1 s, its default
# here) as a failure to start, even with status 0: so this check lives longer than that
sleep 2
echo "$(date -u +%FT%TZ) wait_nfs_mount: $here is there: OK"
exit 0
