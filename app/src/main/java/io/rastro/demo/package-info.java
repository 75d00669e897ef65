/**
 * Demo data: the documented demo identities (Acme, Globex, their people and tokens) and a generator of realistic,
 * seeded WhatsApp traffic that writes straight into the store at engine speed. Also the command-line entry point
 * the benchmark uses to build 10M and 100M message data sets.
 */
package io.rastro.demo;
