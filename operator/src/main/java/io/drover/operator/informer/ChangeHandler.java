package io.drover.operator.informer;

import io.drover.api.store.Versioned;

/**
 * Told about each change of an {@link Informer}'s cache, on the informer's thread, one change at a time, in revision
 * order, after the cache shows it. Keep it short (enqueue a key); an exception is logged and does not stop the
 * informer.
 */
@FunctionalInterface
public interface ChangeHandler<T> {

    /**
     * {@code key} changed: added when {@code oldValue} is null, deleted when {@code newValue} is null, updated
     * otherwise.
     */
    void onChange(String key, Versioned<T> oldValue, Versioned<T> newValue);
}
