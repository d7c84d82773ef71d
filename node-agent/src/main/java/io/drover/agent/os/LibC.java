package io.drover.agent.os;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;

/** The few libc calls Java does not offer: signals to a pid or a process group, and the user database. */
interface LibC extends Library {

    LibC INSTANCE = Native.load("c", LibC.class);

    int EPERM = 1;
    int ESRCH = 3;

    /** kill(2): a negative pid signals the whole process group {@code -pid}. */
    int kill(int pid, int signal) throws LastErrorException;

    int getuid();

    /** getpwnam(3) through NSS, so LDAP or sssd users are found as the shell finds them; null when unknown. */
    Passwd getpwnam(String name);

    /** getpwuid(3); null when unknown. */
    Passwd getpwuid(int uid);

    /** {@code struct passwd} of glibc on Linux. */
    @Structure.FieldOrder({"pw_name", "pw_passwd", "pw_uid", "pw_gid", "pw_gecos", "pw_dir", "pw_shell"})
    class Passwd extends Structure {
        public String pw_name;
        public String pw_passwd;
        public int pw_uid;
        public int pw_gid;
        public String pw_gecos;
        public String pw_dir;
        public String pw_shell;
    }
}
