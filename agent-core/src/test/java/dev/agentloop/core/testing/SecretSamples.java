package dev.agentloop.core.testing;

import java.util.List;

/** Real-looking secrets (all invented) and where they hide in outputs and code. */
public final class SecretSamples {

    private SecretSamples() {}

    public static final String OPENAI = "sk-proj-4fGhT9kLmN2pQrS7uVwX1yZaBcDeF3gHiJkL5mNoP";
    public static final String GITHUB = "ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ";
    public static final String GITHUB_PAT = "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEF";
    public static final String AWS_ID = "AKIAIOSFODNN7EXAMPLE";
    public static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public static final String PASSWORD = "Tr0ub4dor&3horse";
    public static final String BEARER =
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    public static final String PEM_BODY = "MIIEowIBAAKCAQEA7bq98z2KxVq0zT3rR8dJk1mNq2Lr5tY6uI8oP0aSdFgHjKl";

    /** Every secret value above; none may appear in stored text. */
    public static final List<String> ALL =
            List.of(OPENAI, GITHUB, GITHUB_PAT, AWS_ID, AWS_SECRET, PASSWORD, BEARER, PEM_BODY);

    public static final String CODE = """
            import os
            OPENAI_API_KEY = "%s"
            GITHUB_TOKEN = '%s'
            PAT = "%s"
            aws_access_key_id = "%s"
            aws_secret_access_key = "%s"
            DB_URL = "postgresql://agent:%s@db:5432/agent"
            def connect():
                return login(password="%s")
            """.formatted(OPENAI, GITHUB, GITHUB_PAT, AWS_ID, AWS_SECRET, PASSWORD, PASSWORD);

    public static final String OUTPUT = """
            E   requests.exceptions.HTTPError: 401 Client Error for url https://api.example.com
            E   sent headers: {'Authorization': 'Bearer %s'}
            E   env: PASSWORD=%s
            -----BEGIN RSA PRIVATE KEY-----
            %s
            k7Pq9Zx2Lm4Nw8Rt6Yv1Ub3Hs5Jd0Fg
            -----END RSA PRIVATE KEY-----
            FAILED test_client.py::test_login - HTTPError
            """.formatted(BEARER, PASSWORD, PEM_BODY);
}
