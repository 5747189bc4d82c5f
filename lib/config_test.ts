import assert from "node:assert/strict";
import { ConfigError, loadConfig } from "./config.ts";

const tempDir = () => Deno.makeTempDirSync({ prefix: "rsm-config-" });

Deno.test("the embedded defaults need no variables at all", () => {
  const dir = tempDir();
  const config = loadConfig({ DATA_DIR: dir });
  assert.equal(config.port, 8000);
  assert.equal(config.baseUrl, "http://localhost:8000");
  assert.equal(config.kvUrl, `${dir}/kv.sqlite`);
  assert.equal(config.https, false);
  assert.equal(config.env, "development");
});

Deno.test("a missing APP_SECRET is generated once and kept under DATA_DIR", () => {
  const dir = tempDir();
  const first = loadConfig({ DATA_DIR: dir }).appSecret;
  assert.equal(first.length, 64);
  assert.equal(loadConfig({ DATA_DIR: dir }).appSecret, first);
  assert.equal(Deno.statSync(`${dir}/app_secret`).mode! & 0o777, 0o600);
});

Deno.test("a bad value stops start-up with a message naming the variable", () => {
  assert.throws(() => loadConfig({ PORT: "eighty" }), (err: Error) => {
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /PORT/);
    return true;
  });
  assert.throws(() => loadConfig({ APP_SECRET: "short" }), /APP_SECRET: must be at least 32 characters/);
  assert.throws(() => loadConfig({ BASE_URL: "ftp://example.com" }), /BASE_URL/);
  assert.throws(() => loadConfig({ APP_ENV: "staging" }), /APP_ENV/);
});

Deno.test("an https BASE_URL turns on https behaviour and loses its trailing slash", () => {
  const config = loadConfig({ DATA_DIR: tempDir(), BASE_URL: "https://studio.example.com/" });
  assert.equal(config.baseUrl, "https://studio.example.com");
  assert.equal(config.https, true);
});

Deno.test("tenancy defaults to PGlite in three regions, studios under BASE_URL's host", () => {
  const config = loadConfig({ DATA_DIR: tempDir() });
  assert.equal(config.baseDomain, "localhost");
  assert.deepEqual(config.tenancy.regions, ["eu", "us", "ap"]);
  assert.equal(config.tenancy.defaultRegion, "eu");
  assert.equal(config.tenancy.driver, "pglite");
  assert.equal(config.tenancy.poolSize, 50);
});

Deno.test("the postgres driver needs a cluster URL for every region", () => {
  assert.throws(
    () =>
      loadConfig({
        DATA_DIR: tempDir(),
        TENANT_DRIVER: "postgres",
        REGIONS: "eu,us",
        POSTGRES_URL_EU: "postgres://db-eu/postgres",
      }),
    /POSTGRES_URL_US: required by TENANT_DRIVER=postgres/,
  );
  const config = loadConfig({
    DATA_DIR: tempDir(),
    TENANT_DRIVER: "postgres",
    REGIONS: "eu,us",
    DEFAULT_REGION: "us",
    POSTGRES_URL_EU: "postgres://db-eu/postgres",
    POSTGRES_URL_US: "postgresql://db-us/postgres",
  });
  assert.deepEqual(config.tenancy.postgresUrls, {
    eu: "postgres://db-eu/postgres",
    us: "postgresql://db-us/postgres",
  });
  assert.equal(config.tenancy.defaultRegion, "us");
});

Deno.test("region settings are checked against each other", () => {
  assert.throws(() => loadConfig({ DATA_DIR: tempDir(), DEFAULT_REGION: "mars" }), /DEFAULT_REGION/);
  assert.throws(() => loadConfig({ DATA_DIR: tempDir(), REGIONS: "EU, us" }), /REGIONS/);
  assert.throws(() => loadConfig({ DATA_DIR: tempDir(), TENANT_DRIVER: "neon" }), /NEON_API_KEY/);
  assert.throws(() => loadConfig({ DATA_DIR: tempDir(), BASE_DOMAIN: "http://x" }), /BASE_DOMAIN/);
});

Deno.test("mail goes to the outbox from a default sender unless SMTP_URL is set", () => {
  const config = loadConfig({ DATA_DIR: tempDir() });
  assert.deepEqual(config.mail, {
    smtpUrl: undefined,
    from: "Recording Studio Manager <no-reply@localhost>",
  });
  const smtp = loadConfig({
    DATA_DIR: tempDir(),
    SMTP_URL: "smtps://mailer:s%40cret@smtp.example.com:465",
    MAIL_FROM: "Blue Room <bookings@blueroom.example>",
  });
  assert.deepEqual(smtp.mail, {
    smtpUrl: "smtps://mailer:s%40cret@smtp.example.com:465",
    from: "Blue Room <bookings@blueroom.example>",
  });
  assert.equal(
    loadConfig({ DATA_DIR: tempDir(), SMTP_URL: "smtp://smtp.example.com:587" }).mail.smtpUrl,
    "smtp://smtp.example.com:587",
  );
  assert.equal(
    loadConfig({ DATA_DIR: tempDir(), MAIL_FROM: "no-reply@example.com" }).mail.from,
    "no-reply@example.com",
  );
});

Deno.test("SMTP_URL must be an smtp(s) URL with a host, and MAIL_FROM one address on one line", () => {
  for (
    const url of ["https://smtp.example.com", "smtp://", "smtp.example.com:587", "mailto:ana@example.com"]
  ) {
    assert.throws(
      () => loadConfig({ DATA_DIR: tempDir(), SMTP_URL: url }),
      /SMTP_URL: must be an smtp:\/\//,
      url,
    );
  }
  for (
    const from of [
      "no-reply",
      "Studio <no-reply>",
      "Studio <a@b.example>\r\nBcc: eve@example.com",
      "a@b.example, c@d.example",
    ]
  ) {
    assert.throws(() => loadConfig({ DATA_DIR: tempDir(), MAIL_FROM: from }), /MAIL_FROM/, from);
  }
});

Deno.test("the API allows 600 requests a minute per caller unless API_RATE_LIMIT_PER_MINUTE says otherwise", () => {
  assert.equal(loadConfig({ DATA_DIR: tempDir() }).apiRateLimitPerMinute, 600);
  assert.equal(
    loadConfig({ DATA_DIR: tempDir(), API_RATE_LIMIT_PER_MINUTE: "100000" }).apiRateLimitPerMinute,
    100_000,
  );
  for (const value of ["0", "-5", "12.5", "many", "1000001"]) {
    assert.throws(
      () => loadConfig({ DATA_DIR: tempDir(), API_RATE_LIMIT_PER_MINUTE: value }),
      /API_RATE_LIMIT_PER_MINUTE/,
      value,
    );
  }
});

Deno.test("payments stay off without STRIPE_SECRET_KEY; a key needs its webhook secret", () => {
  assert.deepEqual(loadConfig({ DATA_DIR: tempDir() }).stripe, {
    secretKey: undefined,
    webhookSecret: undefined,
    apiUrl: undefined,
  });
  assert.throws(
    () => loadConfig({ DATA_DIR: tempDir(), STRIPE_SECRET_KEY: "sk_test_abc" }),
    /STRIPE_WEBHOOK_SECRET: required with STRIPE_SECRET_KEY/,
  );
  assert.throws(
    () => loadConfig({ DATA_DIR: tempDir(), STRIPE_SECRET_KEY: "pk_test_abc" }),
    /STRIPE_SECRET_KEY/,
  );
  assert.throws(() => loadConfig({ DATA_DIR: tempDir(), STRIPE_API_URL: "localhost:1" }), /STRIPE_API_URL/);
  const config = loadConfig({
    DATA_DIR: tempDir(),
    STRIPE_SECRET_KEY: "sk_test_abc",
    STRIPE_WEBHOOK_SECRET: "whsec_def",
    STRIPE_API_URL: "http://127.0.0.1:12111/",
  });
  assert.deepEqual(config.stripe, {
    secretKey: "sk_test_abc",
    webhookSecret: "whsec_def",
    apiUrl: "http://127.0.0.1:12111",
  });
});

Deno.test("SSO issuers on loopback are accepted only when asked for, and never in production", () => {
  assert.equal(loadConfig({ DATA_DIR: tempDir() }).ssoAllowPrivateIssuers, false);
  assert.equal(
    loadConfig({ DATA_DIR: tempDir(), APP_ENV: "test", SSO_ALLOW_PRIVATE_ISSUERS: "1" })
      .ssoAllowPrivateIssuers,
    true,
  );
  assert.throws(
    () => loadConfig({ DATA_DIR: tempDir(), APP_ENV: "production", SSO_ALLOW_PRIVATE_ISSUERS: "1" }),
    (err) => err instanceof ConfigError && /SSO_ALLOW_PRIVATE_ISSUERS/.test(err.message),
  );
});

Deno.test("more than one HTTP thread needs a database server and a shared KV", () => {
  assert.equal(loadConfig({ DATA_DIR: tempDir() }).webWorkers, 1);
  assert.throws(
    () => loadConfig({ DATA_DIR: tempDir(), WEB_WORKERS: "2" }),
    /WEB_WORKERS: must be 1 with TENANT_DRIVER=pglite/,
  );
  const postgres = {
    DATA_DIR: tempDir(),
    TENANT_DRIVER: "postgres",
    REGIONS: "eu",
    POSTGRES_URL_EU: "postgres://db/x",
  };
  assert.throws(
    () => loadConfig({ ...postgres, WEB_WORKERS: "2", KV_URL: ":memory:" }),
    /WEB_WORKERS: must be 1 with KV_URL=:memory:/,
  );
  assert.equal(loadConfig({ ...postgres, WEB_WORKERS: "2" }).webWorkers, 2);
  assert.throws(() => loadConfig({ ...postgres, WEB_WORKERS: "0" }), /WEB_WORKERS/);
});
