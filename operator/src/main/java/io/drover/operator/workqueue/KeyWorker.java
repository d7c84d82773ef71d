package io.drover.operator.workqueue;

/**
 * Processes one key, such as reconciling one application. Never called for the same key by two threads at once. An
 * exception counts as {@link WorkResult.Retry}.
 */
@FunctionalInterface
public interface KeyWorker<K> {

    WorkResult process(K key) throws Exception;
}
