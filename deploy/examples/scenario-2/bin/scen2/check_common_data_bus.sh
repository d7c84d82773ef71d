#!/bin/sh
# drover's stand-in for check_common_data_bus of Supvisors' scenario 2 (whose own script is not shipped): a check
# the start sequence waits for (wait_exit); it exits 0 once common_data_bus runs on this node, that is once it has
# lived its startsecs (40 s).
exec "$(dirname "$0")/../await_running" common_data_bus common_data_bus
