package io.drover.cli.client.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.api.json.Json;
import io.drover.api.model.Application;
import io.drover.api.model.RuleSet;
import io.drover.api.rules.RuleResolver;
import io.drover.api.source.Sourced;
import io.drover.cli.client.http.ApiClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules the operator holds, resolved here with the same resolver as {@code drover resolve}, so that
 * {@code describe} and {@code -o supvisors} show the effective rules without an endpoint of their own.
 */
public final class ServerRules {

    private ServerRules() {
    }

    /** A resolver over every rule set of the operator; one it cannot read only loses its own rules. */
    public static RuleResolver resolver(ApiClient client) {
        List<Sourced<RuleSet>> ruleSets = new ArrayList<>();
        for (JsonNode ruleSet : client.get("/api/v1/rulesets").path("items")) {
            try {
                ruleSets.add(Sourced.generated(Json.mapper().treeToValue(asApplied(ruleSet), RuleSet.class),
                        "operator"));
            } catch (IOException | IllegalArgumentException unreadable) {
                // written by a newer operator: this view goes without its rules
            }
        }
        return new RuleResolver(ruleSets);
    }

    /** The application of a {@code get} item, as it was applied, or empty when this client cannot read it. */
    public static Optional<Application> application(JsonNode object) {
        try {
            return Optional.of(Json.mapper().treeToValue(asApplied(object), Application.class));
        } catch (IOException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    /** The resource as it was applied: without the status and the resourceVersion the operator adds. */
    static JsonNode asApplied(JsonNode object) {
        ObjectNode copy = object.deepCopy();
        copy.remove("status");
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("resourceVersion");
        }
        return copy;
    }
}
