package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One field of Green's own configuration that differs from Blue's, as provisioning will write it:
 * {@code document} is {@code iap_profiles/<id>} or {@code service_configs/<name>}, {@code blue} and
 * {@code green} the values as JSON text (absent when the field is absent on that side). Credentials
 * never appear: the worker shows a credential field's value as {@code "***"} on both sides (equal
 * texts mean "changed, hidden") and a URL's user info as {@code ***@}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigDifference(
    @JsonProperty("document") String document,
    @JsonProperty("path") String path,
    @JsonProperty("blue") String blue,
    @JsonProperty("green") String green) {}
