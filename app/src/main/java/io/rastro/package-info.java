/**
 * Rastro: what happened to every WhatsApp message a platform's customers sent (MT) and received (MO). The
 * application class and its configuration properties; each capability lives in its own package below.
 */
package io.rastro;
