package com.wabill.rating;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The reference files copied from scenarios/reference into src/test/resources/reference, and a file writer for fixtures. */
public final class Reference {

    private Reference() {
    }

    public static Path dir() {
        try {
            return Path.of(Reference.class.getResource("/reference").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path accounts() {
        return dir().resolve("accounts.csv");
    }

    public static Path markets() {
        return dir().resolve("markets.csv");
    }

    public static Path rateCards() {
        return dir().resolve("rate-cards");
    }

    /** Writes {@code text} to {@code dir/relative}, making folders. */
    public static Path write(Path dir, String relative, String text) {
        try {
            Path p = dir.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
