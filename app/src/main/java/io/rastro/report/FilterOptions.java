package io.rastro.report;

import io.rastro.report.MessageFilterInput.PeriodInput;
import io.rastro.security.CurrentPrincipal;
import io.rastro.store.Sql;
import io.rastro.store.Store;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * The values a caller can pick in the report's filters: the campaigns, users and error codes that occur in their
 * messages of a period. Taken from the messages themselves rather than the directory tables, because ingestion
 * names campaigns and users that no one registered; scoped like every report statement ({@link MessageSql}).
 */
@Service
public class FilterOptions {

    /** More than a picker can show usefully; the console lets people type a value that is not listed. */
    static final int MAX_VALUES = 500;

    private final Store store;
    private final FilterValidator validator;

    public FilterOptions(Store store, FilterValidator validator) {
        this.store = store;
        this.validator = validator;
    }

    public record FilterOptionsInput(PeriodInput period) {
    }

    public record CampaignOption(String id, String name) {
    }

    public record ErrorCodeOption(long code, String title) {
    }

    public record Options(List<CampaignOption> campaigns, List<String> users, List<ErrorCodeOption> errorCodes) {
    }

    @PreAuthorize("hasRole('REPORT')")
    public Options options(FilterOptionsInput input) {
        var caller = CurrentPrincipal.require();
        var filter = validator.validate(MessageFilterInput.builder().period(input == null ? null : input.period())
                .build(), caller.scope(), "input");
        var where = MessageSql.where(filter, caller.scope());
        // No FINAL: these values never change between versions of a message (a failure's code may appear in an
        // older version only, which offers one more code to pick, never a wrong row).
        var campaigns = store.query(where.apply(Sql.of("SELECT campaign_id, any(campaign_name) AS name FROM rastro.messages"
                        + " WHERE " + where.clause() + " AND campaign_id != '' GROUP BY campaign_id ORDER BY name, campaign_id"
                        + " LIMIT " + MAX_VALUES)),
                row -> new CampaignOption(row.getString("campaign_id"), row.getString("name")));
        var users = store.query(where.apply(Sql.of("SELECT DISTINCT user_id FROM rastro.messages WHERE " + where.clause()
                        + " AND user_id != '' ORDER BY user_id LIMIT " + MAX_VALUES)),
                row -> row.getString("user_id"));
        var codes = store.query(where.apply(Sql.of("SELECT error_code, any(error_title) AS title FROM rastro.messages"
                        + " WHERE " + where.clause() + " AND error_code != 0 GROUP BY error_code ORDER BY error_code"
                        + " LIMIT " + MAX_VALUES)),
                row -> new ErrorCodeOption(row.getLong("error_code"), row.getString("title")));
        return new Options(campaigns, users, codes);
    }
}
