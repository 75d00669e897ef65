package io.rastro.graphql;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import io.rastro.LruMap;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Parsed and validated documents, by their text. Dashboards and BI jobs send the same few documents over and
 * over with other variables; parsing and validating a report document against the schema cost about a millisecond
 * of CPU per request, which on a small machine competes with the engine. Only valid documents are kept (an
 * invalid one is answered with its errors every time, and cannot fill the cache), the cache is bounded, and the
 * depth and complexity limits still run on every request: they are instrumentation at execution, not validation.
 */
final class ParsedDocumentCache implements PreparsedDocumentProvider {

    private final Map<String, PreparsedDocumentEntry> documents;

    ParsedDocumentCache(int maxDocuments) {
        this.documents = new LruMap<>(maxDocuments);
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        var key = input.getOperationName() + "\u0000" + input.getQuery();
        PreparsedDocumentEntry cached;
        synchronized (documents) {
            cached = documents.get(key);
        }
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        var entry = parseAndValidate.apply(input);
        if (!entry.hasErrors()) {
            synchronized (documents) {
                documents.put(key, entry);
            }
        }
        return CompletableFuture.completedFuture(entry);
    }

    int size() {
        synchronized (documents) {
            return documents.size();
        }
    }
}
