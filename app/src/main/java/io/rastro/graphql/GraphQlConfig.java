package io.rastro.graphql;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.scalars.ExtendedScalars;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * Scalars (DateTime as ISO-8601 with offset, Long for counts) and limits: a query deeper than 12 levels or more
 * complex than 2,000 fields is refused before it runs, so no request can ask for unbounded work.
 */
@Configuration(proxyBeanMethods = false)
public class GraphQlConfig {

    public static final int MAX_DEPTH = 12;
    public static final int MAX_COMPLEXITY = 2000;

    @Bean
    public RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(ExtendedScalars.DateTime).scalar(ExtendedScalars.GraphQLLong);
    }

    @Bean
    public MaxQueryDepthInstrumentation maxQueryDepth() {
        return new MaxQueryDepthInstrumentation(MAX_DEPTH);
    }

    @Bean
    public MaxQueryComplexityInstrumentation maxQueryComplexity() {
        return new MaxQueryComplexityInstrumentation(MAX_COMPLEXITY);
    }
}
