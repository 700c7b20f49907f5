package com.wabill.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code summary.json}: the {@link RunSummary} for machines (Jackson 3). Dates and instants are ISO 8601 strings,
 * amounts strings with every digit, unknown properties ignored on reading so that older readers keep working.
 */
public final class SummaryJson {

    public static final String FILE = "summary.json";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private SummaryJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** Writes the summary to {@code file} atomically; returns the file. */
    public static Path write(Path file, RunSummary summary) throws IOException {
        String json = toJson(summary);
        return AtomicFiles.write(file, w -> w.write(json));
    }

    public static String toJson(RunSummary summary) {
        return MAPPER.writeValueAsString(summary) + "\n";
    }

    public static RunSummary read(Path file) throws IOException {
        return fromJson(Files.readString(file));
    }

    public static RunSummary fromJson(String json) {
        return MAPPER.readValue(json, RunSummary.class);
    }
}
