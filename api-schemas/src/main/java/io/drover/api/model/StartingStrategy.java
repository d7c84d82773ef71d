package io.drover.api.model;

/** How a node is chosen among the candidates (Supvisors StartingStrategies, same names and order). */
public enum StartingStrategy {
    CONFIG, LESS_LOADED, MOST_LOADED, LOCAL, LESS_LOADED_NODE, MOST_LOADED_NODE
}
