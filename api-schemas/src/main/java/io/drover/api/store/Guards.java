package io.drover.api.store;

import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;

/**
 * Conditions to pass as extra guards to {@link EtcdStore} writes. The write happens only if every guard holds, in
 * the same transaction, so a guard cannot be checked and then become false before the write.
 */
public final class Guards {

    private Guards() {
    }

    /**
     * Holds while {@code leaderKey} still exists with create revision {@code epoch}: the fencing condition of every
     * leader write. A new election creates the key again with another revision, so an ousted leader's writes fail.
     */
    public static Cmp leaderEpoch(String leaderKey, long epoch) {
        if (epoch <= 0) {
            throw new IllegalArgumentException("a leader epoch is a create revision (> 0), not " + epoch);
        }
        return createRevisionIs(leaderKey, epoch);
    }

    public static Cmp createRevisionIs(String key, long createRevision) {
        return new Cmp(EtcdStore.bytes(key), Cmp.Op.EQUAL, CmpTarget.createRevision(createRevision));
    }

    public static Cmp modRevisionIs(String key, long modRevision) {
        return new Cmp(EtcdStore.bytes(key), Cmp.Op.EQUAL, CmpTarget.modRevision(modRevision));
    }

    public static Cmp absent(String key) {
        return createRevisionIs(key, 0);
    }

    public static Cmp present(String key) {
        return new Cmp(EtcdStore.bytes(key), Cmp.Op.GREATER, CmpTarget.createRevision(0));
    }
}
