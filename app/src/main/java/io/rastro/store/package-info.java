/**
 * The store port: one ClickHouse SQL dialect with server-side {@code {name:Type}} parameters, served by two
 * engines (the embedded chDB library and a ClickHouse server through client-v2). Every feature talks to
 * {@link io.rastro.store.Store}; results are always RowBinaryWithNamesAndTypes decoded by client-v2's reader.
 */
package io.rastro.store;
