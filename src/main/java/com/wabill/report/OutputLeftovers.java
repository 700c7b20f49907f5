package com.wabill.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a run that was killed while writing its outputs leaves in the output directory: the staging directories of
 * the Parquet partitions ({@code .staging-<execution>}) and the temporary files of {@link AtomicFiles}
 * ({@code .<name>.<n>.tmp}). The outputs themselves are never half-written (they are swapped in whole); these
 * leftovers are removed by the next run that publishes, while it holds the lock on writing outputs, so that no
 * other run is writing them at that moment.
 */
public final class OutputLeftovers {

    private OutputLeftovers() {
    }

    /** Removes the leftovers under {@code output}; returns what was removed. */
    public static List<Path> remove(Path output) throws IOException {
        List<Path> removed = new ArrayList<>();
        for (Path dir : List.of(output, output.resolve(InvoicePage.DIR))) {
            if (!Files.isDirectory(dir)) continue;
            List<Path> children;
            try (Stream<Path> s = Files.list(dir)) {
                children = s.toList();
            }
            for (Path p : children) {
                String name = p.getFileName().toString();
                boolean staging = dir.equals(output) && name.startsWith(".staging-") && Files.isDirectory(p);
                boolean temporary = name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(p);
                if (staging) LedgerParquetFiles.deleteTree(p);
                else if (temporary) Files.deleteIfExists(p);
                else continue;
                removed.add(p);
            }
        }
        return removed;
    }
}
