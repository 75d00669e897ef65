package io.rastro.graphql;

import graphql.ExecutionInput;
import graphql.GraphqlErrorBuilder;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ParsedDocumentCacheTest {

    private final AtomicInteger parses = new AtomicInteger();

    private PreparsedDocumentEntry parse(ExecutionInput input) {
        parses.incrementAndGet();
        if (input.getQuery().contains("invalid")) {
            return new PreparsedDocumentEntry(GraphqlErrorBuilder.newError().message("invalid").build());
        }
        return new PreparsedDocumentEntry(Parser.parse(input.getQuery()));
    }

    private static ExecutionInput input(String query) {
        return ExecutionInput.newExecutionInput(query).build();
    }

    @Test
    void aValidDocumentIsParsedOnceAndTheSameDocumentServedAfter() {
        var cache = new ParsedDocumentCache(10);
        Document first = cache.getDocumentAsync(input("{ me { name } }"), this::parse).join().getDocument();
        Document second = cache.getDocumentAsync(input("{ me { name } }"), this::parse).join().getDocument();
        assertThat(second).isSameAs(first);
        assertThat(parses).hasValue(1);
    }

    @Test
    void anInvalidDocumentIsNeverKept() {
        var cache = new ParsedDocumentCache(10);
        assertThat(cache.getDocumentAsync(input("{ invalid }"), this::parse).join().hasErrors()).isTrue();
        assertThat(cache.getDocumentAsync(input("{ invalid }"), this::parse).join().hasErrors()).isTrue();
        assertThat(parses).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void theCacheIsBounded() {
        var cache = new ParsedDocumentCache(2);
        for (int i = 0; i < 5; i++) {
            cache.getDocumentAsync(input("{ a" + i + " }"), this::parse).join();
        }
        assertThat(cache.size()).isEqualTo(2);
        cache.getDocumentAsync(input("{ a0 }"), this::parse).join();
        assertThat(parses).hasValue(6);
    }
}
