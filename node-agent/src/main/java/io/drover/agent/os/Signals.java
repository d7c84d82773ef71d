package io.drover.agent.os;

import com.sun.jna.LastErrorException;

/** Sends signals with kill(2), to one process or to its whole process group. */
public final class Signals {

    public static final int SIGKILL = 9;

    private Signals() {
    }

    /**
     * Sends {@code signal} to {@code pid}, or to the process group whose leader is {@code pid} when {@code toGroup}.
     *
     * @return false when there is no such process (or group) any more, which is not an error for a stop: the process
     *         exited on its own while we were deciding to signal it
     * @throws IllegalStateException when the kernel refuses for another reason (a permission problem, typically)
     */
    public static boolean send(long pid, int signal, boolean toGroup) {
        if (pid <= 1 || pid > Integer.MAX_VALUE) {
            // kill(0 or -1, ...) would signal our own group or every process we may signal: never do that
            throw new IllegalArgumentException("refusing to signal pid " + pid);
        }
        int target = toGroup ? -(int) pid : (int) pid;
        try {
            LibC.INSTANCE.kill(target, signal);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.ESRCH) {
                return false;
            }
            throw new IllegalStateException("cannot send signal " + signal + " to " + (toGroup ? "process group " : "pid ")
                    + pid + ": errno " + e.getErrorCode() + (e.getErrorCode() == LibC.EPERM ? " (operation not permitted)" : ""), e);
        }
    }
}
