package io.rastro.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the GraphQL endpoint, under {@code rastro.graphql.*}.
 *
 * @param maxBodySize the largest request body {@code POST /graphql} takes (more: 413)
 */
@ConfigurationProperties("rastro.graphql")
public record GraphQlSettings(@DefaultValue("1MB") DataSize maxBodySize) {
}
