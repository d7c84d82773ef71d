package io.drover.agent.os;

import java.util.Optional;

/** Looks users up as supervisord does before it drops privileges for a program's {@code user} option. */
public final class Users {

    /** A user account: numeric ids and name. */
    public record Account(String name, int uid, int gid) {
    }

    private Users() {
    }

    /** The account named {@code user}, or with that numeric uid when {@code user} is a number (as Supervisor accepts). */
    public static Optional<Account> find(String user) {
        LibC.Passwd entry;
        try {
            entry = LibC.INSTANCE.getpwuid(Integer.parseInt(user.strip()));
        } catch (NumberFormatException e) {
            entry = LibC.INSTANCE.getpwnam(user.strip());
        }
        return entry == null ? Optional.empty() : Optional.of(new Account(entry.pw_name, entry.pw_uid, entry.pw_gid));
    }

    /** The real uid of the agent. */
    public static int currentUid() {
        return LibC.INSTANCE.getuid();
    }
}
