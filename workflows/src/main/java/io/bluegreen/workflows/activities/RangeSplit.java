package io.bluegreen.workflows.activities;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A collection prepared for a ranged copy: Green's collection created with Blue's options and
 * indexes ({@code indexes} counts Blue's, {@code _id_} included), and its {@code _id} ranges in
 * order. Fewer than two ranges (a view, or too few documents to split) means: copy it whole.
 */
public record RangeSplit(
    @JsonProperty("collection") String collection,
    @JsonProperty("indexes") int indexes,
    @JsonProperty("ranges") List<IdRange> ranges) {}
