package io.rastro.graphql;

import io.rastro.admission.Admission;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.scalars.ExtendedScalars;
import io.rastro.RastroProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * Scalars (DateTime as ISO-8601 with offset, Long for counts) and limits, checked before anything runs: a query
 * deeper than 15 levels, or selecting more than 200 fields, is refused, so no single request can ask for
 * unbounded work (each report field is a statement on the engine). Introspection costs nothing towards the
 * complexity limit: GraphiQL's schema query is large but cheap, and it must keep working. The complexity limit
 * counts fields, not statements: {@link StatementBudget} bounds those, per request and per caller.
 */
@Configuration(proxyBeanMethods = false)
public class GraphQlConfig {

    public static final int MAX_DEPTH = 15;
    public static final int MAX_COMPLEXITY = 200;
    /** Distinct documents kept parsed and validated (see {@link ParsedDocumentCache}). */
    public static final int MAX_CACHED_DOCUMENTS = 1_000;

    @Bean
    public RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(ExtendedScalars.DateTime).scalar(ExtendedScalars.GraphQLLong);
    }

    @Bean
    public GraphQlSourceBuilderCustomizer parsedDocumentCache() {
        var cache = new ParsedDocumentCache(MAX_CACHED_DOCUMENTS);
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(cache));
    }

    /** Before the security filters: an oversized body is refused before anything reads it, signed in or not. */
    @Bean
    public FilterRegistrationBean<GraphQlBodyLimit> graphQlBodyLimit(GraphQlSettings settings) {
        var registration = new FilterRegistrationBean<>(new GraphQlBodyLimit(settings.maxBodySize().toBytes()));
        registration.addUrlPatterns("/graphql");
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    @Bean
    public CallerPermits callerPermits(RastroProperties properties) {
        return new CallerPermits(properties.report().maxConcurrentPerCaller(), properties.report().callerWait());
    }

    @Bean
    public Admission admission(RastroProperties properties) {
        var report = properties.report();
        return new Admission(report.shortLaneSlots(), report.longLaneSlots(), report.laneWait());
    }

    @Bean
    public StatementBudget statementBudget(RastroProperties properties, CallerPermits permits, Admission admission) {
        return new StatementBudget(properties.report().maxStatementsPerRequest(), permits, admission);
    }

    @Bean
    public MaxQueryDepthInstrumentation maxQueryDepth() {
        return new MaxQueryDepthInstrumentation(MAX_DEPTH);
    }

    @Bean
    public MaxQueryComplexityInstrumentation maxQueryComplexity() {
        return new MaxQueryComplexityInstrumentation(MAX_COMPLEXITY,
                (env, childComplexity) -> env.getField().getName().startsWith("__") ? 0 : 1 + childComplexity);
    }
}
