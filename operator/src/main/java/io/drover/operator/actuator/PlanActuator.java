package io.drover.operator.actuator;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.state.EventRecord;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.StoreException;
import io.drover.operator.planning.Plan;
import io.drover.operator.planning.PlanAction;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link Plan} to etcd as fenced transactions: each is conditioned on the leader key still having this
 * leader's epoch as create_revision, and on every assignment it touches being still at the revision the planner saw,
 * so a stale plan or a deposed leader writes nothing.
 *
 * <p>etcd refuses transactions of more than 128 operations, so a large plan goes in batches, each complete in
 * itself; if a later batch fails, what the earlier ones wrote is a consistent part of the plan that the next
 * reconcile builds on (planning is idempotent), never a half-written key.
 */
public final class PlanActuator {

    private static final Logger LOG = LoggerFactory.getLogger(PlanActuator.class);
    /** etcd's default --max-txn-ops; keeping under it works with any etcd as installed. */
    static final int MAX_OPS = 128;

    private final EtcdStore store;
    private final Keyspace keyspace;
    private final EventLease eventLease;

    public PlanActuator(EtcdStore store, Keyspace keyspace) {
        this.store = store;
        this.keyspace = keyspace;
        this.eventLease = new EventLease(store);
    }

    /** What applying a plan did, and the etcd revision of its last write (0 when nothing was written). */
    public record Result(ApplyOutcome outcome, long revision) {
    }

    /** Applies {@code plan} as the leader of {@code epoch}. */
    public Result apply(Plan plan, long epoch) {
        if (plan.isEmpty()) {
            return new Result(ApplyOutcome.APPLIED, 0);
        }
        List<Write> writes = writes(plan);
        // etcd bounds conditions and operations separately: the leader's condition plus one per write fit in 128
        int perBatch = MAX_OPS - 1;
        long revision = 0;
        for (int from = 0; from < writes.size(); from += perBatch) {
            Result batch = commit(plan.application(), writes.subList(from, Math.min(writes.size(), from + perBatch)),
                    epoch);
            if (batch.outcome() != ApplyOutcome.APPLIED) {
                return new Result(batch.outcome(), revision);
            }
            revision = batch.revision();
        }
        return new Result(ApplyOutcome.APPLIED, revision);
    }

    /** One operation and, when it must find its key as the planner saw it, the condition saying so. */
    private record Write(Op op, Cmp condition) {
    }

    private List<Write> writes(Plan plan) {
        List<Write> writes = new ArrayList<>();
        for (PlanAction action : plan.actions()) {
            if (action instanceof PlanAction.PutAssignment put) {
                String key = keyspace.assignment(put.node(), put.application(), put.process());
                writes.add(new Write(store.putOp(key, put.assignment(), 0), modRevisionIs(key, put.expectedModRevision())));
            } else if (action instanceof PlanAction.DeleteAssignment delete) {
                String key = keyspace.assignment(delete.node(), delete.application(), delete.process());
                writes.add(new Write(EtcdStore.deleteOp(key), modRevisionIs(key, delete.expectedModRevision())));
            } else if (action instanceof PlanAction.WriteStatus status) {
                writes.add(new Write(store.putOp(keyspace.applicationStatus(status.application()), status.status(), 0), null));
            } else if (action instanceof PlanAction.DeleteStatus status) {
                writes.add(new Write(EtcdStore.deleteOp(keyspace.applicationStatus(status.application())), null));
            } else if (action instanceof PlanAction.WriteSystemRequest system) {
                String key = keyspace.systemRequest();
                writes.add(new Write(store.putOp(key, system.request(), 0), modRevisionIs(key, system.expectedModRevision())));
            } else if (action instanceof PlanAction.EmitEvent emit) {
                EventRecord event = emit.event();
                String key = keyspace.event(event.time(), UUID.randomUUID().toString().substring(0, 8));
                writes.add(new Write(store.putOp(key, event, eventLease.current()), null));
            }
        }
        return writes;
    }

    private Result commit(String application, List<Write> batch, long epoch) {
        String leaderKey = keyspace.leader();
        List<Cmp> conditions = new ArrayList<>();
        conditions.add(new Cmp(EtcdStore.bytes(leaderKey), Cmp.Op.EQUAL, CmpTarget.createRevision(epoch)));
        List<Op> ops = new ArrayList<>();
        for (Write write : batch) {
            ops.add(write.op());
            if (write.condition() != null) {
                conditions.add(write.condition());
            }
        }
        TxnResponse response;
        try {
            response = store.txn("apply the plan of " + application, conditions, ops, List.of(EtcdStore.getOp(leaderKey)));
        } catch (StoreException e) {
            if (e.reason() == StoreException.Reason.REJECTED && e.getMessage() != null
                    && e.getMessage().contains("lease")) {
                // the events' lease is gone: the next plan gets a new one
                eventLease.forget(eventLease.current());
            }
            throw e;
        }
        if (response.isSucceeded()) {
            return new Result(ApplyOutcome.APPLIED, response.getHeader().getRevision());
        }
        List<KeyValue> leader = response.getGetResponses().isEmpty() ? List.of()
                : response.getGetResponses().get(0).getKvs();
        if (leader.isEmpty() || leader.get(0).getCreateRevision() != epoch) {
            LOG.warn("the plan of {} was refused: this operator (epoch {}) no longer leads", application, epoch);
            return new Result(ApplyOutcome.NOT_LEADER, 0);
        }
        LOG.debug("the plan of {} is stale: an assignment changed since it was planned", application);
        return new Result(ApplyOutcome.STALE, 0);
    }

    private static Cmp modRevisionIs(String key, long expected) {
        return new Cmp(EtcdStore.bytes(key), Cmp.Op.EQUAL, CmpTarget.modRevision(expected));
    }
}
