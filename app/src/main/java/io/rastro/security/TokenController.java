package io.rastro.security;

import io.rastro.security.ApiTokens.ApiToken;
import io.rastro.security.TokenService.CreateApiTokenInput;
import io.rastro.security.TokenService.CreateApiTokenPayload;
import io.rastro.security.TokenService.RevokeApiTokenInput;
import io.rastro.security.TokenService.RevokeApiTokenPayload;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.util.List;

/** {@code apiTokens}, {@code createApiToken}, {@code revokeApiToken}; thin, the rules are in {@link TokenService}. */
@Controller
public class TokenController {

    private final TokenService tokens;

    public TokenController(TokenService tokens) {
        this.tokens = tokens;
    }

    @QueryMapping
    public List<ApiToken> apiTokens() {
        return tokens.list();
    }

    @MutationMapping
    public CreateApiTokenPayload createApiToken(@Argument CreateApiTokenInput input) {
        return tokens.create(input);
    }

    @MutationMapping
    public RevokeApiTokenPayload revokeApiToken(@Argument RevokeApiTokenInput input) {
        return tokens.revoke(input);
    }
}
