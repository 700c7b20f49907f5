package com.wabill.parquet;

import java.util.Objects;

/**
 * A flat column of a Parquet table written by this package.
 *
 * @param name     the column name
 * @param type     its type
 * @param nullable   whether it may hold nulls (OPTIONAL) or not (REQUIRED: a null value is an error)
 * @param dictionary whether the writer tries a dictionary for it: not for a column of ids that never repeat (a
 *                   message's id), whose dictionary would only be built, hashed into and dropped
 */
public record TableColumn(String name, ColumnType type, boolean nullable, boolean dictionary) {

    public TableColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public TableColumn(String name, ColumnType type, boolean nullable) {
        this(name, type, nullable, true);
    }

    /** A required column of values that never repeat in a file: written without a dictionary. */
    public static TableColumn unique(String name, ColumnType type) {
        return new TableColumn(name, type, false, false);
    }

    public static TableColumn nullable(String name, ColumnType type) {
        return new TableColumn(name, type, true);
    }

    public static TableColumn required(String name, ColumnType type) {
        return new TableColumn(name, type, false);
    }
}
