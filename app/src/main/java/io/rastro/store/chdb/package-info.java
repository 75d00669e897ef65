/**
 * The embedded engine: chDB ({@code libchdb.so}, ClickHouse as a library) bound with Java's FFM API. Each class
 * here exists because of a pitfall verified to hang the JVM or lose data; their comments say which, by its number
 * in docs/chdb-pitfalls.md, which also names the test that proves each on the real library.
 */
package io.rastro.store.chdb;
