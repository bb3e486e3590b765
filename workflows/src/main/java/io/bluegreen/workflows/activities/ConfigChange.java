package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A change on Blue since RecordConfigBaseline to its profile ({@code collection} {@code
 * iap_profiles}, {@code name} = the profile id) or to a service config ({@code service_configs},
 * its {@code name}); {@code change} is inserted, updated or deleted. Reported only: Green's own
 * documents are never overwritten.
 */
public record ConfigChange(
    @JsonProperty("collection") String collection,
    @JsonProperty("name") String name,
    @JsonProperty("change") String change) {}
