package io.rastro;

import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs an {@link IntegrationTest} class against the server engine instead of the embedded one: a subclass that
 * carries this annotation gets a second shared context whose store is client-v2 over HTTP to the test ClickHouse
 * server ({@code io.rastro.store.server.ChdbServer}). The subclass adds nothing else, so both adapters run the
 * same tests with the same assertions.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ContextConfiguration(initializers = ServerEngineInitializer.class)
public @interface OnServerEngine {
}
