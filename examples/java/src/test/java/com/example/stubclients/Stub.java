package com.example.stubclients;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The running stub the scenarios talk to, and names from its demo data. */
final class Stub {
  static final String REGION = "us-east-1";
  static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
  static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final String DOMAIN = "DemoDomain";
  static final String PROFILE_ID = "3991a7d959d248bba82546b2d0e0a1b2";
  static final String OBJECT_TYPE = "MyCustomObjectName";
  static final String OBJECT_KEY = "UniqueKeyOfTheProfileObject";

  static final String CLIENT_SECRET = "stub-secret";
  static final String ORG_ADMIN = "org-admin";

  /** A valid client whose authorities do not include deleting access profiles. */
  static final String HELPDESK = "helpdesk";

  static final String UNUSED_PROFILE = "2c91808a7813090a017814121919ecca";
  static final String IN_USE_PROFILE = "2c9180835d191a86015d28455b4a2329";

  // For a new access profile: a source, one of its entitlements no demo profile has, an owner.
  static final String ACTIVE_DIRECTORY = "2c9180835d191a86015d28455b4a0001";
  static final String VPN_USERS = "2c9180835d191a86015d28455b4e0103";
  static final String SOURCE_ADMIN_IDENTITY = "2c9180a46faadee4016fb4e018c20640";

  private Stub() {}

  /**
   * The stub for the whole run, started from the installed contract-stubs command (or the one at
   * STUB_URL); each test class registers it with {@code @RegisterExtension}.
   */
  static final ContractStubExtension STUB = new ContractStubExtension();

  /** The stub's root URL. */
  static String url() {
    return STUB.url();
  }

  /**
   * The requests to one API (customer-profiles, access-profiles or sailpoint-oauth) that the stub
   * recorded since the last reset, oldest first.
   */
  static List<JsonObject> recorded(String api) throws IOException, InterruptedException {
    List<JsonObject> entries = new ArrayList<>();
    JsonParser.parseString(STUB.requests(api))
        .getAsJsonObject()
        .getAsJsonArray("requests")
        .forEach(entry -> entries.add(entry.getAsJsonObject()));
    return entries;
  }

  /** How many requests to one API the stub recorded. */
  static long requests(String api) throws IOException, InterruptedException {
    return recorded(api).size();
  }

  /** What the stub answered each recorded request to one API, in order. */
  static List<Integer> statuses(String api) throws IOException, InterruptedException {
    return recorded(api).stream()
        .map(e -> e.getAsJsonObject("response").get("status").getAsInt())
        .toList();
  }

  /** The time between each recorded request to one API and the next. */
  static List<Duration> gaps(String api) throws IOException, InterruptedException {
    List<Instant> times =
        recorded(api).stream().map(e -> Instant.parse(e.get("time").getAsString())).toList();
    List<Duration> gaps = new ArrayList<>();
    for (int i = 1; i < times.size(); i++) {
      gaps.add(Duration.between(times.get(i - 1), times.get(i)));
    }
    return gaps;
  }

  /** Back to the demo data, with no faults armed and an empty journal. */
  static void reset() throws IOException, InterruptedException {
    STUB.reset();
  }
}
