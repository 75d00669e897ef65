/**
 * Answers the report alone does not give: whether a sent message got a reply and which button was tapped, a
 * funnel whose steps add up when read receipts are off, and which failures to retry and which contacts to stop
 * sending marketing to. Every statement is scoped by the caller's principal through
 * {@link io.rastro.report.MessageSql}, like the report's.
 */
package io.rastro.insight;
