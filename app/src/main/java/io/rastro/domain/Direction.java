package io.rastro.domain;

/** Which way a message went: MT was sent by the business, MO was received from a contact. */
public enum Direction {
    MT, MO
}
