package io.drover.operator.api;

import io.drover.api.state.ApplicationState;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.api.store.Versioned;
import io.drover.operator.OperatorNode;
import io.drover.operator.ReconcileObserver;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The operator's Prometheus metrics, served as text on {@code /metrics}. Latencies are recorded as they happen
 * (reconciles through {@link OperatorNode#observeReconciles}, etcd calls through {@link #etcdInterceptor()}); the
 * rest (queue depth, leadership, processes and applications by state) is read from the caches at scrape time, so a
 * scrape never shows a count that drifted from the cache.
 */
public final class OperatorMetrics {

    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Histogram reconcile = Histogram.builder()
            .name("drover_reconcile_duration_seconds")
            .help("Time to reconcile one application, by result (ok, error)")
            .labelNames("result")
            .classicOnly()
            .withoutExemplars()
            .register(registry);
    private final Histogram etcd = Histogram.builder()
            .name("drover_etcd_request_duration_seconds")
            .help("Time of one etcd request of this replica, by gRPC method and result (ok, error)")
            .labelNames("method", "result")
            .classicOnly()
            .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
            .withoutExemplars()
            .register(registry);
    private boolean bound;

    /** Starts recording what {@code operator} does and reading its caches at scrape time; once. */
    public synchronized void bind(OperatorNode operator, IntSupplier eventStreams) {
        if (bound) {
            return;
        }
        bound = true;
        operator.observeReconciles(reconcileObserver());
        GaugeWithCallback.builder()
                .name("drover_workqueue_depth")
                .help("Applications waiting to be reconciled")
                .callback(cb -> cb.call(operator.queueDepth()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("drover_leader")
                .help("1 while this replica leads (reconciles), 0 while it stands by")
                .callback(cb -> cb.call(operator.isLeader() ? 1 : 0))
                .register(registry);
        GaugeWithCallback.builder()
                .name("drover_cache_synced")
                .help("1 once every informer cache holds its first listing")
                .callback(cb -> cb.call(operator.cache().hasSynced() ? 1 : 0))
                .register(registry);
        GaugeWithCallback.builder()
                .name("drover_processes")
                .help("Observed processes by state, as the agents report them")
                .labelNames("state")
                .callback(cb -> {
                    Map<ProcessState, Integer> counts = new EnumMap<>(ProcessState.class);
                    for (ProcessState state : ProcessState.values()) {
                        counts.put(state, 0);
                    }
                    for (Versioned<ProcessStatus> process : operator.cache().processes().snapshot().values()) {
                        counts.merge(process.value().state(), 1, Integer::sum);
                    }
                    counts.forEach((state, count) -> cb.call(count, state.name()));
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name("drover_applications")
                .help("Applications by state, as the leader last wrote their status")
                .labelNames("state")
                .callback(cb -> {
                    Map<ApplicationState, Integer> counts = new EnumMap<>(ApplicationState.class);
                    for (ApplicationState state : ApplicationState.values()) {
                        counts.put(state, 0);
                    }
                    for (Versioned<ApplicationStatus> status : operator.cache().applicationStatuses().snapshot().values()) {
                        counts.merge(status.value().state(), 1, Integer::sum);
                    }
                    counts.forEach((state, count) -> cb.call(count, state.name()));
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name("drover_api_event_streams")
                .help("Open event streams (GET /api/v1/events/stream) on this replica")
                .callback(cb -> cb.call(eventStreams.getAsInt()))
                .register(registry);
    }

    ReconcileObserver reconcileObserver() {
        return (application, nanos, failed) -> reconcile.labelValues(failed ? "error" : "ok").observe(nanos / 1e9);
    }

    /** Times every unary etcd call of a client built with it (watches are streams: not timed). */
    public ClientInterceptor etcdInterceptor() {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
                                                         Channel next) {
                ClientCall<Q, R> call = next.newCall(method, options);
                if (method.getType() != MethodDescriptor.MethodType.UNARY) {
                    return call;
                }
                String name = method.getBareMethodName() == null ? method.getFullMethodName() : method.getBareMethodName();
                return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        long started = System.nanoTime();
                        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onClose(Status status, Metadata trailers) {
                                etcd.labelValues(name, status.isOk() ? "ok" : "error")
                                        .observe((System.nanoTime() - started) / 1e9);
                                super.onClose(status, trailers);
                            }
                        }, headers);
                    }
                };
            }
        };
    }

    /** Records one etcd request's latency (for stores built without the interceptor, and tests). */
    void etcdRequest(String method, long nanos, boolean ok) {
        etcd.labelValues(method, ok ? "ok" : "error").observe(nanos / 1e9);
    }

    void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
