/**
 * The embedded engine: chDB ({@code libchdb.so}, ClickHouse as a library) bound with Java's FFM API. Each class
 * here exists because of a pitfall verified to hang the JVM or lose data; their comments say which.
 */
package io.rastro.store.chdb;
