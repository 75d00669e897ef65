/**
 * What crosses the HTTP boundary besides GraphQL data: the domain exceptions every feature throws, and the one
 * advice per protocol that turns them into GraphQL errors with a classification or JSON 4xx bodies. Nothing
 * internal (SQL, engine messages, stack traces) reaches a client.
 */
package io.rastro.web;
