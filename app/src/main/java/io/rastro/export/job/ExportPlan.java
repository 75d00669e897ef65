package io.rastro.export.job;

import io.rastro.report.ReportFilter;
import io.rastro.security.TenantScope;

import java.util.Map;

/**
 * Everything a job needs to run, resolved while the caller's request was still there: the validated filter, the
 * caller's scope (the principal does not travel to the worker thread) and the directory names for the file.
 *
 * @param job             the job as created (QUEUED)
 * @param subaccountNames the account's subaccount id to name
 */
record ExportPlan(ExportJob job, ReportFilter filter, TenantScope scope, boolean csvBom, String accountName,
                  Map<String, String> subaccountNames) {

    ExportPlan {
        subaccountNames = Map.copyOf(subaccountNames);
    }
}
