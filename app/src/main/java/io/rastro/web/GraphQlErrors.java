package io.rastro.web;

import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import io.rastro.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.web.bind.annotation.ControllerAdvice;

import java.util.LinkedHashMap;

/**
 * Maps the known failures to GraphQL errors with a classification and a human message naming the field. What is
 * not known here falls through to Spring's resolvers (security: UNAUTHORIZED/FORBIDDEN) and finally to
 * INTERNAL_ERROR without details.
 */
@ControllerAdvice
public class GraphQlErrors {

    private static final Logger log = LoggerFactory.getLogger(GraphQlErrors.class);

    @GraphQlExceptionHandler
    public GraphQLError handle(ApiException e, DataFetchingEnvironment env) {
        var type = switch (e.kind()) {
            case BAD_REQUEST, CONFLICT, TOO_MANY_REQUESTS, LIMIT_EXCEEDED -> ErrorType.BAD_REQUEST;
            case UNAUTHORIZED -> ErrorType.UNAUTHORIZED;
            case FORBIDDEN -> ErrorType.FORBIDDEN;
            case NOT_FOUND -> ErrorType.NOT_FOUND;
        };
        var extensions = new LinkedHashMap<String, Object>();
        extensions.put("code", e.kind().name());
        if (e.field() != null) {
            extensions.put("field", e.field());
        }
        return GraphQLError.newError().errorType(type).message(e.getMessage()).extensions(extensions)
                .path(env.getExecutionStepInfo().getPath()).location(env.getField().getSourceLocation()).build();
    }

    @GraphQlExceptionHandler
    public GraphQLError handle(StoreException e, DataFetchingEnvironment env) {
        var builder = GraphQLError.newError().path(env.getExecutionStepInfo().getPath())
                .location(env.getField().getSourceLocation());
        if (e.isLimitExceeded()) {
            // which limit (time, rows, memory) is in the engine's words only: kept for whoever tunes them
            log.info("Report limit hit in {}: {}", env.getField().getName(), e.getMessage());
            return builder.errorType(ErrorType.BAD_REQUEST)
                    .message("The request needed more time, rows or memory than one report may use. "
                            + "Narrow the period or add filters.")
                    .extensions(java.util.Map.of("code", "LIMIT_EXCEEDED")).build();
        }
        log.error("Engine failure in {}: {}", env.getField().getName(), e.getMessage());
        return builder.errorType(ErrorType.INTERNAL_ERROR)
                .message("The report engine failed to answer. The failure was logged.").build();
    }
}
