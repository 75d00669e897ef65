package io.rastro.webhook;

/** Where a business number's traffic belongs: one account and one of its subaccounts. */
record Route(String accountId, String subaccountId) {
}
