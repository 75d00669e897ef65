/** Conversations: the charging windows messages belong to, each with its contact, type, expiry and counts. */
package io.rastro.conversation;
