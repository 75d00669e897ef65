package io.rastro.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Routes to the two pages built from {@code web/}: {@code /} is the console (Spring Boot serves
 * {@code static/index.html} there by itself) and {@code /graphiql} the bundled GraphiQL, which replaces Spring for
 * GraphQL's own page ({@code spring.graphql.graphiql.enabled=false}): that one loads React and GraphiQL from a
 * public CDN, so it never loads on a machine without internet.
 */
@Configuration(proxyBeanMethods = false)
public class ConsolePages implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/graphiql").setViewName("forward:/graphiql/index.html");
        registry.addViewController("/graphiql/").setViewName("forward:/graphiql/index.html");
    }
}
