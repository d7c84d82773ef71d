#!/bin/sh
# drover's stand-in for check_internal_data_bus of Supvisors' scenario 2 (whose own script is not shipped): a check
# the start sequence waits for (wait_exit); it exits 0 once the scen2_internal_data_bus of its own application
# (scen2_srv_NN or scen2_hci_NN, started the stage before) runs on this node.
exec "$(dirname "$0")/../await_running" "${DROVER_APPLICATION:?is not set}" scen2_internal_data_bus
