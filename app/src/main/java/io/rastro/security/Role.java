package io.rastro.security;

/** What kind of caller a principal is; each maps to the authorities checked by {@code @PreAuthorize}. */
public enum Role {
    /** A person who sees all of their account's subaccounts and manages tokens. */
    ADMIN,
    /** A person limited to the subaccounts assigned to them. */
    SUBACCOUNT_USER,
    /** A read-only machine (BI export jobs, dashboards), optionally limited to some subaccounts. */
    READ_TOKEN,
    /** An ingestion client: may post events, may not read reports. */
    INGEST_TOKEN;

    /** Spring authorities: REPORT for anyone who reads reports, INGEST for ingestion clients, ADMIN for admins. */
    public java.util.List<String> authorities() {
        return switch (this) {
            case ADMIN -> java.util.List.of("ROLE_REPORT", "ROLE_ADMIN");
            case SUBACCOUNT_USER, READ_TOKEN -> java.util.List.of("ROLE_REPORT");
            case INGEST_TOKEN -> java.util.List.of("ROLE_INGEST");
        };
    }
}
