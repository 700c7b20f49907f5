package com.wabill.parquet;

import java.util.Objects;

/**
 * A flat column of a Parquet table written by this package.
 *
 * @param name     the column name
 * @param type     its type
 * @param nullable whether it may hold nulls (OPTIONAL) or not (REQUIRED: a null value is an error)
 */
public record TableColumn(String name, ColumnType type, boolean nullable) {

    public TableColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static TableColumn nullable(String name, ColumnType type) {
        return new TableColumn(name, type, true);
    }

    public static TableColumn required(String name, ColumnType type) {
        return new TableColumn(name, type, false);
    }
}
